package dev.wirewatch.deploy.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --data-dir} option shared by every command that reads or writes Wirewatch's data. */
final class DataDirOption {
  /** Where data lives when --data-dir is not given: relative to the working directory. */
  static final String DEFAULT_DATA_DIR = "wirewatch-data";

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
          "YAML file of settings (see config/wirewatch.yaml); WIREWATCH_* environment variables override it,"
              + " the command line overrides both.")
  Path config;

  Path indexDir() {
    return dataDir.resolve("index");
  }

  /** Sends the log file to {@code <data-dir>/logs}; call before anything logs. */
  void initLogging() {
    System.setProperty("wirewatch.log.dir", dataDir.toAbsolutePath().resolve("logs").toString());
  }
}
