package dev.wirewatch.ingest.fetch;

import java.time.Duration;

/**
 * A fetch that failed; the message is one line for logs and the source's status.
 *
 * <p>{@link #retryable()} is true for what may pass (timeouts, 5xx, 429); {@link #retryAfter()}
 * carries the server's {@code Retry-After} when it sent one.
 */
public final class FetchException extends Exception {
  private static final long serialVersionUID = 1L;
  private final boolean retryable;
  private final transient Duration retryAfter;
  private final int status;

  public FetchException(
      String message, boolean retryable, Duration retryAfter, int status, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
    this.retryAfter = retryAfter;
    this.status = status;
  }

  public FetchException(String message, boolean retryable) {
    this(message, retryable, null, 0, null);
  }

  public boolean retryable() {
    return retryable;
  }

  /** The server's requested wait, or null. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** The HTTP status, or 0 when no response came. */
  public int status() {
    return status;
  }
}
