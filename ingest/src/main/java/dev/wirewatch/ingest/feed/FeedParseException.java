package dev.wirewatch.ingest.feed;

/** A document that is not a feed Wirewatch can read; the message says why in one line. */
public final class FeedParseException extends Exception {
  private static final long serialVersionUID = 1L;

  public FeedParseException(String message, Throwable cause) {
    super(message, cause);
  }
}
