package dev.wirewatch.indexer.web.searches;

import java.util.List;

/** The saved searches, as the API reads and changes them (kept by whoever serves, in Kafka). */
public interface SavedSearches {
  /** Every saved search, by id. */
  List<SavedSearch> list();

  /**
   * Checks and keeps a saved search (replacing one of the same id); returns it as kept.
   *
   * @throws SavedSearch.Invalid naming the field and the problem
   */
  SavedSearch put(String id, String body);

  /** Forgets a saved search; whether there was one. */
  boolean delete(String id);
}
