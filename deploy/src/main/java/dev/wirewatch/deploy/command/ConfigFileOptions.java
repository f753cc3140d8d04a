package dev.wirewatch.deploy.command;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The topics and watches files of the commands that tag articles or raise alerts. */
public final class ConfigFileOptions {
  /** {@code --topics FILE}: the topics articles are tagged with. */
  public static final class TopicsFile {
    @Option(
        names = "--topics",
        paramLabel = "FILE",
        description =
            "Topics file (default: the bundled config/topics.yaml); reloaded when it changes.")
    Path file;

    /** The file given, or null for the bundled one. */
    public Path file() {
      return file;
    }
  }

  /** {@code --watches FILE}: what raises alerts and where they go. */
  public static final class WatchesFile {
    @Option(
        names = "--watches",
        paramLabel = "FILE",
        description =
            "Watches file (default: the bundled config/watches.yaml); reloaded when it changes.")
    Path file;

    /** The file given, or null for the bundled one. */
    public Path file() {
      return file;
    }
  }

  private ConfigFileOptions() {}
}
