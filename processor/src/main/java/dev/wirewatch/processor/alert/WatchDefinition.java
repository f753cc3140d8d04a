package dev.wirewatch.processor.alert;

import dev.wirewatch.processor.tag.TopicDefinition;
import dev.wirewatch.schemas.InvalidSettingException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.lucene.search.Query;

/**
 * A watch: what someone follows, and which alerts they want where.
 *
 * @param id short stable id
 * @param queryText the query as written (Lucene classic syntax over title, text and place)
 * @param query the parsed query
 * @param topics the article must carry one of these topics (empty: any)
 * @param places the article must be about one of these countries, ISO codes (empty: any)
 * @param languages the article must be in one of these languages (empty: any)
 * @param kinds the alert kinds wanted: {@code new-story}, {@code burst}, {@code development}
 * @param deliver ids of the delivery targets
 */
public record WatchDefinition(
    String id,
    String queryText,
    Query query,
    Set<String> topics,
    Set<String> places,
    Set<String> languages,
    Set<String> kinds,
    List<String> deliver) {
  /** The first article of a story (an event) that matches the watch. */
  public static final String NEW_STORY = "new-story";

  /** A story or topic whose hourly count of distinct articles jumps over its own baseline. */
  public static final String BURST = "burst";

  /**
   * A story the watch was told of has moved on: a markedly new cluster of articles (at most one
   * alert an hour per story). Off unless a watch asks for it.
   */
  public static final String DEVELOPMENT = "development";

  /** Every alert kind a watch can ask for. */
  public static final Set<String> KINDS = Set.of(NEW_STORY, BURST, DEVELOPMENT);

  /** The kinds a watch gets when it names none. */
  public static final Set<String> DEFAULT_KINDS = Set.of(NEW_STORY, BURST);

  private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

  /**
   * A watch as a file describes it, validated (the delivery targets it names are checked by {@link
   * Watches}): problems are {@link InvalidSettingException}s naming the key.
   *
   * @param alerts the alert kinds; empty for all of them
   */
  public static WatchDefinition of(
      String id,
      String query,
      Set<String> topics,
      Set<String> places,
      Set<String> languages,
      Set<String> alerts,
      List<String> deliver) {
    String checkedId = TopicDefinition.id(id);
    if (query == null || query.isBlank()) {
      throw new InvalidSettingException("query", "missing or empty");
    }
    String queryText = query.strip();
    Query parsed = TopicDefinition.parseQuery(queryText);
    for (String p : places) {
      if (!COUNTRY.matcher(p).matches()) {
        throw new InvalidSettingException(
            "places", "'" + p + "' is not an ISO 3166-1 alpha-2 code (like HT)");
      }
    }
    for (String k : alerts) {
      if (!KINDS.contains(k)) {
        throw new InvalidSettingException(
            "alerts", "unknown alert kind '" + k + "' (known: " + KINDS + ")");
      }
    }
    Set<String> langs = new LinkedHashSet<>();
    languages.forEach(l -> langs.add(l.toLowerCase(Locale.ROOT)));
    return new WatchDefinition(
        checkedId,
        queryText,
        parsed,
        topics,
        places,
        langs,
        alerts.isEmpty() ? DEFAULT_KINDS : alerts,
        new ArrayList<>(deliver));
  }

  /** Whether the article passes the watch's filters (the query is matched elsewhere). */
  public boolean accepts(List<String> articleTopics, List<String> articlePlaces, String language) {
    return (topics.isEmpty() || articleTopics.stream().anyMatch(topics::contains))
        && (places.isEmpty() || articlePlaces.stream().anyMatch(places::contains))
        && (languages.isEmpty() || (language != null && languages.contains(language)));
  }
}
