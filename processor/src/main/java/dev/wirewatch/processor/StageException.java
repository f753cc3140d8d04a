package dev.wirewatch.processor;

/**
 * A record that one stage of the processor cannot handle: it goes to news.dlq with {@link #stage()}
 * and the message as the reason.
 */
public final class StageException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String stage;

  public StageException(String stage, String reason, Throwable cause) {
    super(reason, cause);
    this.stage = stage;
  }

  /** decode, clean or tag. */
  public String stage() {
    return stage;
  }
}
