package dev.wirewatch.processor.watch;

/** An invalid watches file: the message names the file, the key and what is wrong. */
public final class WatchesFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public WatchesFileException(String origin, String key, String problem) {
    super(origin + ": " + key + ": " + problem);
  }

  public WatchesFileException(String origin, String problem, Throwable cause) {
    super(origin + ": " + problem, cause);
  }
}
