package dev.wirewatch.indexer.web.watches;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The watches in force, as the API reads and changes them (kept by whoever serves, in Kafka). */
public interface WatchRegistry {
  /** Every watch, as JSON in the shape of a watches file's entry, by id. */
  List<ObjectNode> list();

  /**
   * Validates the watch and puts it in force (in every processor within seconds); returns it as
   * stored.
   *
   * @throws InvalidWatch naming the field and the problem
   */
  ObjectNode put(String id, String body);

  /** Takes the watch out of force; whether there was one. */
  boolean delete(String id);

  /** A watch that cannot be put in force; the message names the field and the problem. */
  final class InvalidWatch extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidWatch(String message) {
      super(message);
    }
  }
}
