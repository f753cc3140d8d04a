package dev.wirewatch.processor.tag;

import dev.wirewatch.language.Language;
import dev.wirewatch.language.Languages;
import dev.wirewatch.schemas.InvalidSettingException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;

/**
 * One topic articles are tagged with, in every language Wirewatch knows.
 *
 * @param id short stable id used in tags and filters ({@code us-aid})
 * @param label name shown to people
 * @param queryText the Lucene classic query syntax as written in the config: the query of every
 *     language that has none of its own
 * @param queryTexts the queries written for particular languages (ISO 639-1 code → query)
 * @param queries the parsed query of every known language ({@code und} included), over the fields
 *     {@code title}, {@code text} and {@code place}: the language's own query if it has one, else
 *     {@code queryText}, each analysed as that language's articles are
 * @param minScore score an article must reach to be tagged; 0 means any match
 */
public record TopicDefinition(
    String id,
    String label,
    String queryText,
    Map<String, String> queryTexts,
    Map<String, Query> queries,
    float minScore) {
  /** The field a query term without {@code field:} searches: title and text together. */
  public static final String DEFAULT_FIELD = "text";

  /** What a topic or watch id may be: it appears in tags, filters and URLs. */
  public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  public TopicDefinition {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(label, "label");
    queryTexts = Map.copyOf(queryTexts);
    queries = Map.copyOf(queries);
    if (!queries.containsKey(Language.UNDETERMINED)) {
      throw new IllegalArgumentException("a topic needs a query for undetermined languages");
    }
  }

  /** The query an article in the language runs (the neutral one for an unknown language). */
  public Query query(String language) {
    Query q = language == null ? null : queries.get(language);
    return q != null ? q : queries.get(Language.UNDETERMINED);
  }

  /**
   * A topic as a file describes it, validated: every problem is an {@link InvalidSettingException}
   * naming the key ({@code id}, {@code label}, {@code query}, {@code queries.fr}, {@code
   * minScore}).
   *
   * @param queries queries for particular languages; null or empty for none
   * @param minScore null for the default, 0
   */
  public static TopicDefinition of(
      String id, String label, String query, Map<String, String> queries, Double minScore) {
    return of(id, label, query, queries, minScore, TaggingAnalyzers.bundled());
  }

  /** The same, with the languages of {@code analyzers}. */
  public static TopicDefinition of(
      String id,
      String label,
      String query,
      Map<String, String> queries,
      Double minScore,
      TaggingAnalyzers analyzers) {
    String checkedId = id(id);
    String checkedLabel = required("label", label);
    String text = required("query", query);
    if (minScore != null && !(minScore >= 0)) {
      throw new InvalidSettingException("minScore", "must be a number >= 0, got " + minScore);
    }
    Map<String, String> own = new TreeMap<>();
    Languages languages = analyzers.languages();
    if (queries != null) {
      for (Map.Entry<String, String> e : queries.entrySet()) {
        String code = e.getKey();
        String key = "queries." + code;
        if (!languages.known(code) || code.equals(Language.UNDETERMINED)) {
          throw new InvalidSettingException(
              key,
              "unknown language '"
                  + code
                  + "' (Wirewatch knows "
                  + languages.specific().stream().map(Language::code).toList()
                  + ")");
        }
        own.put(code, required(key, e.getValue()));
      }
    }
    Map<String, Query> parsed = new LinkedHashMap<>();
    for (String code : languages.codes()) {
      String q = own.getOrDefault(code, text);
      parsed.put(
          code, parse(q, analyzers.of(code), own.containsKey(code) ? "queries." + code : "query"));
    }
    return new TopicDefinition(
        checkedId, checkedLabel, text, own, parsed, minScore == null ? 0f : minScore.floatValue());
  }

  /** Checks that no two topics share an id; the key names the second ({@code topics[1].id}). */
  public static void requireDistinctIds(List<TopicDefinition> topics, String listKey) {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < topics.size(); i++) {
      if (!ids.add(topics.get(i).id())) {
        throw new InvalidSettingException(
            listKey + "[" + i + "].id", "duplicate topic id '" + topics.get(i).id() + "'");
      }
    }
  }

  /** A topic or watch id, checked against {@link #ID}. */
  public static String id(String id) {
    String v = required("id", id);
    if (!ID.matcher(v).matches()) {
      throw new InvalidSettingException(
          "id", "'" + v + "' must be lower-case letters, digits and '-', at most 63");
    }
    return v;
  }

  /**
   * Parses a topic or watch query in classic syntax against the tagging fields, with the neutral
   * analysis; a bad query is an {@link InvalidSettingException} of key {@code query}.
   */
  public static Query parseQuery(String text) {
    return parse(text, TaggingAnalyzers.bundled().of(Language.UNDETERMINED), "query");
  }

  private static Query parse(String text, Analyzer analyzer, String key) {
    QueryParser parser = new QueryParser(DEFAULT_FIELD, analyzer);
    parser.setDefaultOperator(QueryParser.Operator.OR);
    try {
      return parser.parse(text);
    } catch (ParseException | IndexSearcher.TooManyClauses e) {
      String first =
          e.getMessage() == null
              ? e.getClass().getSimpleName()
              : e.getMessage().lines().findFirst().orElse("");
      throw new InvalidSettingException(key, "invalid query '" + text + "': " + first);
    }
  }

  private static String required(String key, String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidSettingException(key, "missing or empty");
    }
    return value.strip();
  }
}
