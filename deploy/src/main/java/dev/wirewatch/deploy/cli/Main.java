package dev.wirewatch.deploy.cli;

import dev.wirewatch.deploy.bench.BenchCommand;
import dev.wirewatch.deploy.command.ExitCodes;
import dev.wirewatch.deploy.command.VersionProvider;
import dev.wirewatch.deploy.config.ConfigDefaults;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code wirewatch} command line: one subcommand per task. */
@Command(
    name = "wirewatch",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Follow developing news stories: ingest, clean, tag, index, search and alert.",
    subcommands = {
      DemoCommand.class,
      IngestCommand.class,
      ProcessCommand.class,
      NotifyCommand.class,
      ExtractCommand.class,
      TagCommand.class,
      SearchCommand.class,
      ServeCommand.class,
      IndexCommand.class,
      ReindexCommand.class,
      StatsCommand.class,
      StoriesCommand.class,
      SchemasCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main {
  Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code (for tests: never calls System.exit). */
  public static int run(String... args) {
    return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /** Runs the command line writing to the given streams, and returns its exit code. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    return run(out, err, System.getenv(), args);
  }

  /** The same, with the environment that {@code WIREWATCH_*} settings are read from. */
  static int run(PrintWriter out, PrintWriter err, Map<String, String> env, String... args) {
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(out);
    cl.setErr(err);
    try {
      cl.setDefaultValueProvider(ConfigDefaults.load(configFile(args), env, cl.getCommandSpec()));
    } catch (ConfigDefaults.BadConfig e) {
      err.println("wirewatch: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    cl.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          // Expected failures carry a message for people; a stack trace is for the log file.
          cmd.getErr().println("wirewatch " + cmd.getCommandName() + ": " + oneLine(e));
          return ExitCodes.FAILURE;
        });
    return cl.execute(args);
  }

  /** The file of {@code --config FILE} or {@code --config=FILE}, if the arguments name one. */
  static Path configFile(String... args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--config") && i + 1 < args.length) {
        return Path.of(args[i + 1]);
      }
      if (args[i].startsWith("--config=")) {
        return Path.of(args[i].substring("--config=".length()));
      }
    }
    return null;
  }

  static String oneLine(Throwable e) {
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      m = e.getClass().getSimpleName();
    }
    return m.lines().findFirst().orElse(m).strip();
  }
}
