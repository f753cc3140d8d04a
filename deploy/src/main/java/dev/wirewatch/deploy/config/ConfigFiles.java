package dev.wirewatch.deploy.config;

import dev.wirewatch.processor.alert.Watches;
import dev.wirewatch.processor.tag.TopicTagger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The topics and watches files of the long-running commands: the bundled ones when none is given,
 * else the file, read now (a broken file fails the start with its message) and re-read when it
 * changes (a broken edit keeps the last good version).
 */
public final class ConfigFiles {
  /** How often a changed topics or watches file is looked for. */
  public static final Duration RELOAD_CHECK = Duration.ofSeconds(5);

  private ConfigFiles() {}

  /**
   * @throws ConfigFileException when the file is invalid
   */
  public static Supplier<TopicTagger> topics(Path file) {
    if (file == null) {
      TopicTagger bundled = new TopicTagger(TopicsFile.bundled());
      return () -> bundled;
    }
    return new ReloadingFile<>(
        "topics", file, f -> new TopicTagger(TopicsFile.load(f)), RELOAD_CHECK, Clock.systemUTC());
  }

  /**
   * @throws ConfigFileException when the file is invalid
   */
  public static Supplier<Watches> watches(Path file) {
    if (file == null) {
      Watches bundled = WatchesFile.bundled();
      return () -> bundled;
    }
    return new ReloadingFile<>("watches", file, WatchesFile::load, RELOAD_CHECK, Clock.systemUTC());
  }
}
