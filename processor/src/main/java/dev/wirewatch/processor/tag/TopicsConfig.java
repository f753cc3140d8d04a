package dev.wirewatch.processor.tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;

/**
 * Reads and validates a topics file ({@code config/topics.yaml}):
 *
 * <pre>
 * topics:
 *   - id: haiti
 *     label: Haiti
 *     query: 'haiti OR haitian*'
 *     minScore: 0        # optional
 * </pre>
 *
 * Every problem is reported with the file, the key ({@code topics[2].query}) and what is wrong.
 */
public final class TopicsConfig {
  /** Classpath location of the topics shipped with Wirewatch (copied from config/topics.yaml). */
  public static final String BUNDLED_RESOURCE = "dev/wirewatch/config/topics.yaml";

  /** The field a query term without {@code field:} searches: title and text together. */
  public static final String DEFAULT_FIELD = "text";

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private static final Set<String> KEYS = Set.of("id", "label", "query", "minScore");

  private TopicsConfig() {}

  /** The topics shipped with Wirewatch. */
  public static List<TopicDefinition> bundled() {
    try (InputStream in =
        TopicsConfig.class.getClassLoader().getResourceAsStream(BUNDLED_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "bundled " + BUNDLED_RESOURCE + " is missing from the classpath");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "bundled topics.yaml");
    } catch (IOException e) {
      throw new IllegalStateException("cannot read bundled topics", e);
    }
  }

  /** Loads a topics file. */
  public static List<TopicDefinition> load(Path file) {
    String yaml;
    try {
      yaml = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new TopicsFileException(file.toString(), "cannot read: " + e.getMessage(), e);
    }
    return parse(yaml, file.toString());
  }

  /** Parses topics from YAML text; {@code origin} names it in errors. */
  public static List<TopicDefinition> parse(String yaml, String origin) {
    ObjectMapper mapper =
        new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    JsonNode root;
    try {
      root = mapper.readTree(yaml);
    } catch (JsonProcessingException e) {
      throw new TopicsFileException(origin, "not valid YAML: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject() || !root.has("topics")) {
      throw new TopicsFileException(origin, "topics", "missing: expected a list under 'topics:'");
    }
    JsonNode list = root.get("topics");
    if (!list.isArray()) {
      throw new TopicsFileException(origin, "topics", "must be a list of topics");
    }
    Analyzer analyzer = new TaggingAnalyzer();
    List<TopicDefinition> topics = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode t = list.get(i);
      String key = "topics[" + i + "]";
      if (!t.isObject()) {
        throw new TopicsFileException(origin, key, "must be a mapping with id, label and query");
      }
      for (Iterator<String> names = t.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!KEYS.contains(name)) {
          throw new TopicsFileException(
              origin, key + "." + name, "unknown key (known: " + KEYS + ")");
        }
      }
      String id = requiredText(t, "id", origin, key);
      if (!ID.matcher(id).matches()) {
        throw new TopicsFileException(
            origin,
            key + ".id",
            "'" + id + "' must be lower-case letters, digits and '-', at most 63");
      }
      if (!ids.add(id)) {
        throw new TopicsFileException(origin, key + ".id", "duplicate topic id '" + id + "'");
      }
      String label = requiredText(t, "label", origin, key);
      String queryText = requiredText(t, "query", origin, key);
      float minScore = 0f;
      if (t.has("minScore")) {
        JsonNode m = t.get("minScore");
        if (!m.isNumber() || m.floatValue() < 0) {
          throw new TopicsFileException(
              origin, key + ".minScore", "must be a number >= 0, got " + m);
        }
        minScore = m.floatValue();
      }
      topics.add(
          new TopicDefinition(
              id, label, queryText, parseQuery(queryText, analyzer, origin, key), minScore));
    }
    return List.copyOf(topics);
  }

  /** Parses a topic query in classic syntax against the tagging fields. */
  public static Query parseQuery(String text, Analyzer analyzer, String origin, String key) {
    QueryParser parser = new QueryParser(DEFAULT_FIELD, analyzer);
    parser.setDefaultOperator(QueryParser.Operator.OR);
    try {
      return parser.parse(text);
    } catch (ParseException | IndexSearcher.TooManyClauses e) {
      String first =
          e.getMessage() == null
              ? e.getClass().getSimpleName()
              : e.getMessage().lines().findFirst().orElse("");
      throw new TopicsFileException(
          origin, key + ".query", "invalid query '" + text + "': " + first);
    }
  }

  private static String requiredText(JsonNode t, String field, String origin, String key) {
    JsonNode v = t.get(field);
    if (v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank()) {
      throw new TopicsFileException(origin, key + "." + field, "missing or empty");
    }
    return v.asText().strip();
  }
}
