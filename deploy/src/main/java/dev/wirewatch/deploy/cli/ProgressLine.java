package dev.wirewatch.deploy.cli;

import dev.wirewatch.deploy.pipeline.Progress;
import java.io.PrintWriter;
import java.util.Locale;

/** A live progress line on a terminal; nothing when output is not a terminal. */
final class ProgressLine {
  /** Least time between two updates of the line (ms). */
  private static final long EVERY_MS = 200;

  private final PrintWriter err;
  private final boolean enabled;
  private long lastShown;

  ProgressLine(PrintWriter err, boolean enabled) {
    this.err = err;
    this.enabled = enabled;
  }

  void show(Progress p) {
    long now = System.currentTimeMillis();
    if (!enabled || now - lastShown < EVERY_MS) {
      return;
    }
    lastShown = now;
    err.printf(
        Locale.ROOT,
        "\ringested %d · processed %d · indexed %d · dlq %d · %.0f/s   ",
        p.ingested(),
        p.processed(),
        p.indexed(),
        p.deadLetters(),
        p.rate());
    err.flush();
  }

  void clear() {
    if (enabled) {
      err.print("\r\u001b[2K");
      err.flush();
    }
  }
}
