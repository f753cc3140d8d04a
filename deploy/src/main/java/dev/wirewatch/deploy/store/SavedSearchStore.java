package dev.wirewatch.deploy.store;

import dev.wirewatch.indexer.web.searches.SavedSearch;
import dev.wirewatch.indexer.web.searches.SavedSearches;
import dev.wirewatch.schemas.TopicSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The saved searches, kept in {@code news.searches} beside the watches (compacted, keyed by id, the
 * search as JSON; a tombstone deletes it): every server that follows the topic lists them, and a
 * restart keeps them. A record that cannot be read is skipped, with a warning.
 */
public final class SavedSearchStore implements SavedSearches, AutoCloseable {
  private volatile List<SavedSearch> current = List.of();
  private JsonTopicStore<SavedSearch> topic;

  private SavedSearchStore() {}

  /** Opens the store: reads the topic to its end, then follows it. */
  public static SavedSearchStore open(String bootstrapServers, TopicSpec<String, String> topic) {
    SavedSearchStore store = new SavedSearchStore();
    store.topic =
        JsonTopicStore.open(
            bootstrapServers,
            topic,
            (id, json, origin) -> {
              try {
                return SavedSearch.parse(id, json, origin);
              } catch (SavedSearch.Invalid e) {
                throw new IllegalArgumentException(e.getMessage(), e);
              }
            },
            Map.of(),
            read -> {
              List<SavedSearch> all = new ArrayList<>(read.values());
              all.sort(
                  Comparator.comparing(
                          (SavedSearch s) -> s.name().toLowerCase(java.util.Locale.ROOT))
                      .thenComparing(SavedSearch::id));
              store.current = List.copyOf(all);
            });
    return store;
  }

  @Override
  public List<SavedSearch> list() {
    return current;
  }

  @Override
  public SavedSearch put(String id, String body) {
    SavedSearch s = SavedSearch.parse(id, body, "the API");
    topic.write(id, s.json().toString());
    return s;
  }

  @Override
  public boolean delete(String id) {
    if (current.stream().noneMatch(s -> s.id().equals(id))) {
      return false;
    }
    topic.write(id, null);
    return true;
  }

  @Override
  public void close() {
    if (topic != null) {
      topic.close();
    }
  }
}
