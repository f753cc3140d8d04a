package dev.wirewatch.deploy.cli;

import dev.wirewatch.processor.config.ReloadingFile;
import dev.wirewatch.processor.tag.TopicTagger;
import dev.wirewatch.processor.tag.TopicsConfig;
import dev.wirewatch.processor.watch.Watches;
import dev.wirewatch.processor.watch.WatchesConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The topics and watches files of the long-running commands: the bundled ones when none is given,
 * else the file, read now (a broken file fails the start with its message) and re-read when it
 * changes (a broken edit keeps the last good version).
 */
final class ConfigFiles {
  /** How often a changed topics or watches file is looked for. */
  static final Duration RELOAD_CHECK = Duration.ofSeconds(5);

  private ConfigFiles() {}

  /**
   * @throws dev.wirewatch.processor.tag.TopicsFileException when the file is invalid
   */
  static Supplier<TopicTagger> topics(Path file) {
    if (file == null) {
      TopicTagger bundled = new TopicTagger(TopicsConfig.bundled());
      return () -> bundled;
    }
    return new ReloadingFile<>(
        "topics",
        file,
        f -> new TopicTagger(TopicsConfig.load(f)),
        RELOAD_CHECK,
        Clock.systemUTC());
  }

  /**
   * @throws dev.wirewatch.processor.watch.WatchesFileException when the file is invalid
   */
  static Supplier<Watches> watches(Path file) {
    if (file == null) {
      Watches bundled = WatchesConfig.bundled();
      return () -> bundled;
    }
    return new ReloadingFile<>(
        "watches", file, WatchesConfig::load, RELOAD_CHECK, Clock.systemUTC());
  }
}
