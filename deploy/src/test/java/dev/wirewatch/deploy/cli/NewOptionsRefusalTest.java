package dev.wirewatch.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wirewatch.deploy.command.ExitCodes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code notify --session-timeout-ms} and {@code demo --broker-host}: values refused with a usage
 * error naming them, before any broker is started or reached.
 */
class NewOptionsRefusalTest {
  @TempDir Path dir;

  private record Run(int code, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), Map.of(), args);
    return new Run(code, err.toString());
  }

  @Test
  void aNotifierSessionTimeoutUnderASecondIsRefused() {
    Run r =
        run(
            "notify",
            "--data-dir",
            dir.toString(),
            "--admin-port",
            "-1",
            "--bootstrap-servers",
            "127.0.0.1:1",
            "--session-timeout-ms",
            "200");
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err())
        .contains("--session-timeout-ms must be at least 1000, got 200")
        .doesNotContain("Exception");
  }

  @Test
  void aBrokerHostWithAPortOrWithAnotherClusterIsRefused() {
    Run withPort =
        run("demo", "--no-serve", "--data-dir", dir.toString(), "--broker-host", "10.0.0.1:9092");
    assertThat(withPort.code()).as(withPort.err()).isEqualTo(ExitCodes.USAGE);
    assertThat(withPort.err())
        .contains("--broker-host must be a host name or an IPv4 address without a port")
        .contains("10.0.0.1:9092")
        .doesNotContain("Exception");

    Run withCluster =
        run(
            "demo",
            "--no-serve",
            "--data-dir",
            dir.toString(),
            "--bootstrap-servers",
            "127.0.0.1:1",
            "--broker-host",
            "10.0.0.1");
    assertThat(withCluster.code()).as(withCluster.err()).isEqualTo(ExitCodes.USAGE);
    assertThat(withCluster.err()).contains("cannot be combined with --bootstrap-servers");
  }
}
