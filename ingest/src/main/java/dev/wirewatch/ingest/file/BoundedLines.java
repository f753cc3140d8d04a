package dev.wirewatch.ingest.file;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines of at most a given length, so one enormous line in a JSON Lines file costs bounded
 * memory: the rest of an over-long line is skipped and the line reported as too long.
 */
public final class BoundedLines {
  /** One line; text is empty when it was too long. */
  public record Line(String text, boolean tooLong) {}

  private final Reader in;
  private final long maxChars;
  private boolean eof;

  public BoundedLines(Reader in, long maxChars) {
    this.in = in;
    this.maxChars = maxChars;
  }

  /** The next line without its terminator, or null at the end of input. */
  public Line next() throws IOException {
    if (eof) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    boolean tooLong = false;
    boolean any = false;
    int c;
    while ((c = in.read()) != -1) {
      any = true;
      if (c == '\n') {
        return finish(sb, tooLong);
      }
      if (!tooLong) {
        if (sb.length() >= maxChars) {
          tooLong = true;
          sb.setLength(0);
        } else {
          sb.append((char) c);
        }
      }
    }
    eof = true;
    return any ? finish(sb, tooLong) : null;
  }

  private static Line finish(StringBuilder sb, boolean tooLong) {
    int len = sb.length();
    if (len > 0 && sb.charAt(len - 1) == '\r') {
      sb.setLength(len - 1);
    }
    return new Line(tooLong ? "" : sb.toString(), tooLong);
  }
}
