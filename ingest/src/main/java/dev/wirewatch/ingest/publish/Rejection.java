package dev.wirewatch.ingest.publish;

import java.util.Arrays;

/**
 * An input ingest could not turn into an article — a file too large or empty, a JSON line that is
 * not JSON, a feed that cannot be fetched or parsed. It goes to news.dlq like the processor's dead
 * letters, so every input ends in the index or the DLQ with a reason, not only in a log.
 *
 * @param where the file (and line), or the URL
 * @param reason what is wrong, in words a user can act on
 * @param sample the start of the input ({@link #MAX_SAMPLE_BYTES} at most), or empty when there is
 *     none
 */
public record Rejection(String where, String reason, byte[] sample) {
  /** Most bytes of a rejected input kept with it: enough to recognise it, not to replay a bomb. */
  public static final int MAX_SAMPLE_BYTES = 64 * 1024;

  public Rejection {
    if (where == null || reason == null) {
      throw new IllegalArgumentException(
          "a rejection needs where and why, got where=" + where + ", reason=" + reason);
    }
    sample =
        sample == null
            ? new byte[0]
            : Arrays.copyOf(sample, Math.min(sample.length, MAX_SAMPLE_BYTES));
  }

  public static Rejection of(String where, String reason) {
    return new Rejection(where, reason, null);
  }
}
