package dev.wirewatch.processor.watch;

import java.util.List;
import java.util.Set;
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
 * @param kinds the alert kinds wanted: {@code new-story}, {@code burst}
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
  public static final String NEW_STORY = "new-story";
  public static final String BURST = "burst";

  /** Whether the article passes the watch's filters (the query is matched elsewhere). */
  public boolean accepts(List<String> articleTopics, List<String> articlePlaces, String language) {
    return (topics.isEmpty() || articleTopics.stream().anyMatch(topics::contains))
        && (places.isEmpty() || articlePlaces.stream().anyMatch(places::contains))
        && (languages.isEmpty() || (language != null && languages.contains(language)));
  }
}
