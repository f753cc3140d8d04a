package dev.wirewatch.processor.tag;

/** An invalid topics file: the message names the file, the key and what is wrong. */
public final class TopicsFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TopicsFileException(String origin, String key, String problem) {
    super(origin + ": " + key + ": " + problem);
  }

  public TopicsFileException(String origin, String problem, Throwable cause) {
    super(origin + ": " + problem, cause);
  }
}
