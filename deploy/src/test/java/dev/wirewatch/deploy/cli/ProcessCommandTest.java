package dev.wirewatch.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wirewatch.deploy.command.ExitCodes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wirewatch process}: settings it refuses before it reaches for a broker. */
class ProcessCommandTest {
  @TempDir Path dir;

  @Test
  void atLeastOnceIsRefusedWithoutItsOwnFlag() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    // No broker listens on this port: a refusal must come before any attempt to reach one.
    int code =
        Main.run(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            Map.of(),
            "process",
            "--data-dir",
            dir.toString(),
            "--admin-port",
            "-1",
            "--bootstrap-servers",
            "127.0.0.1:1",
            "--streams-config",
            "processing.guarantee=at_least_once");
    assertThat(code).as(err.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString())
        .startsWith("wirewatch process: processing.guarantee=at_least_once gives up exactly-once")
        .contains("--allow-at-least-once")
        .doesNotContain("Exception");
  }
}
