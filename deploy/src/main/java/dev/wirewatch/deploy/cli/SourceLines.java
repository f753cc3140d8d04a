package dev.wirewatch.deploy.cli;

import dev.wirewatch.ingest.poll.StatusSink;
import dev.wirewatch.schemas.SourceStatus;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The serving demo's line per poll of a source, on a terminal: when it was polled, what it brought
 * or why it failed, and when it is polled next. Nothing when output is not a terminal (a pipe, a
 * log collector): the log and the sources page say the same.
 */
final class SourceLines implements StatusSink {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneId.systemDefault());

  private final PrintWriter err;
  private final boolean enabled;

  SourceLines(PrintWriter err, boolean enabled) {
    this.err = err;
    this.enabled = enabled;
  }

  @Override
  public void publish(SourceStatus s) {
    if (!enabled) {
      return;
    }
    err.println(line(s));
    err.flush();
  }

  static String line(SourceStatus s) {
    String what =
        s.getOk()
            ? String.format(
                Locale.ROOT,
                "%d new, %d updated%s",
                s.getNewItems(),
                s.getUpdatedItems(),
                s.getPageErrors() > 0 ? ", " + s.getPageErrors() + " pages unreadable" : "")
            : "failed (" + s.getConsecutiveFailures() + " in a row): " + s.getLastError();
    return String.format(
        Locale.ROOT,
        "%s  %s: %s; next poll %s",
        TIME.format(s.getPolledAt()),
        s.getSourceId(),
        what,
        TIME.format(Instant.from(s.getNextPollAt())));
  }
}
