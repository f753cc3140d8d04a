package dev.wirewatch.indexer.web.catalog;

import java.util.List;

/**
 * What the topics and watches page lists: the topics articles are tagged with and the watches that
 * raise alerts, as the running pipeline has them. Delivery secrets are never part of it.
 *
 * @param topics each topic's name and query
 * @param watches each watch's name, query, and where its alerts go
 */
public record Catalog(List<Entry> topics, List<Entry> watches) {
  /** An empty catalog, for a server that does not know the pipeline's configuration. */
  public static final Catalog EMPTY = new Catalog(List.of(), List.of());

  public Catalog {
    topics = List.copyOf(topics);
    watches = List.copyOf(watches);
  }

  /**
   * One topic or watch.
   *
   * @param detail for a watch, where its alerts go (e.g. "log", "webhook https://…"); null for a
   *     topic
   */
  public record Entry(String name, String query, String detail) {}
}
