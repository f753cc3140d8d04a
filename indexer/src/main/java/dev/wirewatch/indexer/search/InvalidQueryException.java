package dev.wirewatch.indexer.search;

/** A query the user wrote that cannot be run; the message is one line saying why. */
public final class InvalidQueryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InvalidQueryException(String message, Throwable cause) {
    super(message, cause);
  }
}
