package dev.wirewatch.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wirewatch.schemas.SourceStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SourceLinesTest {
  private static SourceStatus status(boolean ok, String error) {
    return SourceStatus.newBuilder()
        .setSourceId("un-news-africa")
        .setUrl("https://news.un.org/feed")
        .setPolledAt(Instant.parse("2026-11-30T10:00:00Z"))
        .setOk(ok)
        .setLastError(error)
        .setConsecutiveFailures(ok ? 0 : 2)
        .setNewItems(ok ? 3 : 0)
        .setUpdatedItems(ok ? 1 : 0)
        .setNextPollAt(Instant.parse("2026-11-30T10:15:00Z"))
        .build();
  }

  @Test
  void aLinePerPollSaysWhatItBroughtOrWhyItFailed() {
    assertThat(SourceLines.line(status(true, null)))
        .contains("un-news-africa: 3 new, 1 updated; next poll ");
    assertThat(SourceLines.line(status(false, "cannot resolve news.un.org")))
        .contains("un-news-africa: failed (2 in a row): cannot resolve news.un.org; next poll ");
  }

  @Test
  void nothingIsPrintedWhenOutputIsNotATerminal() {
    StringWriter quiet = new StringWriter();
    new SourceLines(new PrintWriter(quiet), false).publish(status(true, null));
    assertThat(quiet.toString()).isEmpty();
    StringWriter shown = new StringWriter();
    new SourceLines(new PrintWriter(shown), true).publish(status(true, null));
    assertThat(shown.toString()).contains("3 new");
  }
}
