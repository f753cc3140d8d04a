package dev.wirewatch.deploy.command;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options every command takes: where Wirewatch's data lives ({@code --data-dir}) and the
 * settings file ({@code --config}, read before the command line by {@code ConfigDefaults}).
 */
public final class CommonOptions {
  /** Where data lives when --data-dir is not given: relative to the working directory. */
  public static final String DEFAULT_DATA_DIR = "wirewatch-data";

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Directory of Wirewatch's data: index, embedded broker, logs (default: ${DEFAULT-VALUE}).",
      defaultValue = "${env:WIREWATCH_DATA_DIR:-" + DEFAULT_DATA_DIR + "}")
  Path dataDir;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "YAML file of settings (see config/wirewatch.yaml); WIREWATCH_* environment variables"
              + " override it, the command line overrides both.")
  Path config;

  /** The data directory. */
  public Path dataDir() {
    return dataDir;
  }

  /** The index's directory inside the data directory. */
  public Path indexDir() {
    return dataDir.resolve("index");
  }

  /** Sends the log file to {@code <data-dir>/logs}; call before anything logs. */
  void initLogging() {
    System.setProperty("wirewatch.log.dir", dataDir.toAbsolutePath().resolve("logs").toString());
  }
}
