package dev.wirewatch.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wirewatch.deploy.command.ExitCodes;
import dev.wirewatch.deploy.config.ConfigDefaults;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ConfigDefaultsTest {
  @TempDir Path dir;

  private static IndexCommand parseIndex(Path config, Map<String, String> env, String... more) {
    CommandLine cl = new CommandLine(new Main());
    cl.setDefaultValueProvider(ConfigDefaults.load(config, env, cl.getCommandSpec()));
    String[] args = new String[more.length + 3];
    args[0] = "index";
    args[1] = "--config";
    args[2] = config.toString();
    System.arraycopy(more, 0, args, 3, more.length);
    CommandLine.ParseResult r = cl.parseArgs(args);
    return (IndexCommand) r.subcommand().commandSpec().userObject();
  }

  @Test
  void theCommandLineWinsThenTheEnvironmentThenTheFile() throws Exception {
    Path f = dir.resolve("w.yaml");
    Files.writeString(
        f,
        """
        bootstrapServers: kafka:9092
        index:
          port: 9001
          group: newsroom
        """);
    IndexCommand fromFile = parseIndex(f, Map.of());
    assertThat(fromFile.cluster.bootstrapServers()).isEqualTo("kafka:9092");
    assertThat(fromFile.port).isEqualTo(9001);
    assertThat(fromFile.group).isEqualTo("newsroom");
    assertThat(fromFile.sessionTimeoutMs)
        .isEqualTo(10000); // not set anywhere: the built-in default

    IndexCommand fromEnv =
        parseIndex(
            f, Map.of("WIREWATCH_INDEX_PORT", "9002", "WIREWATCH_BOOTSTRAP_SERVERS", "other:9092"));
    assertThat(fromEnv.port).isEqualTo(9002);
    assertThat(fromEnv.cluster.bootstrapServers()).isEqualTo("other:9092");

    IndexCommand fromArgs = parseIndex(f, Map.of("WIREWATCH_INDEX_PORT", "9002"), "--port", "9003");
    assertThat(fromArgs.port).isEqualTo(9003);
  }

  @Test
  void aWrongSettingNamesTheFileTheKeyAndWhatIsWrong() throws Exception {
    CommandLine.Model.CommandSpec root = new CommandLine(new Main()).getCommandSpec();
    Path typo = dir.resolve("typo.yaml");
    Files.writeString(typo, "index:\n  prot: 8081\n");
    assertThatThrownBy(() -> ConfigDefaults.load(typo, Map.of(), root))
        .hasMessageStartingWith(typo + ": index.prot: index has no such setting (it has: ")
        .hasMessageContaining("port");
    Path type = dir.resolve("type.yaml");
    Files.writeString(type, "index:\n  port: eighty\n");
    assertThatThrownBy(() -> ConfigDefaults.load(type, Map.of(), root))
        .hasMessage(type + ": index.port: 'eighty' is not a whole number");
    Path unknown = dir.resolve("unknown.yaml");
    Files.writeString(unknown, "bootstrap: kafka:9092\n");
    assertThatThrownBy(() -> ConfigDefaults.load(unknown, Map.of(), root))
        .hasMessageStartingWith(unknown + ": bootstrap: no command has this setting");
    Path nested = dir.resolve("nested.yaml");
    Files.writeString(nested, "bootstrapServers: [a, b]\n");
    assertThatThrownBy(() -> ConfigDefaults.load(nested, Map.of(), root))
        .hasMessage(nested + ": bootstrapServers: expected a single value, found array");

    // through the command line: exit 2 with the message, no stack trace
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            Map.of(),
            "index",
            "--config",
            typo.toString());
    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString())
        .startsWith("wirewatch: " + typo + ": index.prot:")
        .doesNotContain("Exception");
    int missing =
        Main.run(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            Map.of(),
            "index",
            "--config",
            dir.resolve("absent.yaml").toString());
    assertThat(missing).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("absent.yaml: cannot read");
  }

  @Test
  void theShippedExampleIsValid() {
    CommandLine cl = new CommandLine(new Main());
    ConfigDefaults.load(Path.of("..", "config", "wirewatch.yaml"), Map.of(), cl.getCommandSpec());
  }
}
