package dev.wirewatch.processor.clean;

/** A raw article from which no article text can be had; the message says why. */
public final class CleaningException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CleaningException(String message) {
    super(message);
  }
}
