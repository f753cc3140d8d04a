package dev.wirewatch.ingest.file;

/**
 * Something in the input that could not be imported.
 *
 * @param where the file, and the line when it is a JSON Lines record ({@code a.jsonl:12})
 * @param reason what is wrong, in words a user can act on
 */
public record Problem(String where, String reason) {
  @Override
  public String toString() {
    return where + ": " + reason;
  }
}
