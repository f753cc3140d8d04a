package dev.wirewatch.indexer.web.sources;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The sources added through the API, as the API changes them (kept in Kafka by the server). */
public interface SourceRegistry {
  /**
   * Validates the source and has the running ingester poll it; returns it as stored.
   *
   * @throws InvalidSource naming the field and the problem
   * @throws ReadOnlySource when the sources file defines it
   */
  ObjectNode put(String id, String body);

  /**
   * Stops polling a source added through the API; whether there was one.
   *
   * @throws ReadOnlySource when the sources file defines it
   */
  boolean delete(String id);

  /** A source that cannot be added; the message names the field and the problem. */
  final class InvalidSource extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidSource(String message) {
      super(message);
    }
  }

  /** A source of the sources file: changed by editing the file, not through the API. */
  final class ReadOnlySource extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ReadOnlySource(String message) {
      super(message);
    }
  }
}
