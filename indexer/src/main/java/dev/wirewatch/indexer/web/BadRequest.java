package dev.wirewatch.indexer.web;

/** A parameter the client got wrong: answered with 400 and this message. */
public final class BadRequest extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BadRequest(String message) {
    super(message);
  }
}
