package dev.wirewatch.processor.tag;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;
import org.slf4j.Logger;

/**
 * The topics of a file, reloaded when the file changes, without a restart. The file's modification
 * time and size are checked at most once per {@code checkEvery}; a file that no longer parses is
 * reported in the log and the topics loaded last stay in force, so a typo never stops tagging.
 * Thread-safe.
 */
public final class ReloadingTopics implements Supplier<TopicTagger> {
  private static final Logger LOG = LoggerFactory.getLogger(ReloadingTopics.class);

  private final Path file;
  private final Duration checkEvery;
  private final Clock clock;
  private volatile TopicTagger current;
  private volatile Instant nextCheck;
  private FileTime loadedTime;
  private long loadedSize;

  /** Loads the file now: a file that does not parse at start is an error (TopicsFileException). */
  public ReloadingTopics(Path file, Duration checkEvery, Clock clock) {
    this.file = file;
    this.checkEvery = checkEvery;
    this.clock = clock;
    FileTime time = modified();
    long size = size();
    this.current = new TopicTagger(TopicsConfig.load(file));
    this.loadedTime = time;
    this.loadedSize = size;
    this.nextCheck = clock.instant().plus(checkEvery);
  }

  @Override
  public TopicTagger get() {
    if (clock.instant().isBefore(nextCheck)) {
      return current;
    }
    synchronized (this) {
      if (clock.instant().isBefore(nextCheck)) {
        return current;
      }
      nextCheck = clock.instant().plus(checkEvery);
      FileTime time = modified();
      long size = size();
      if (time != null && (!time.equals(loadedTime) || size != loadedSize)) {
        loadedTime = time;
        loadedSize = size;
        try {
          current = new TopicTagger(TopicsConfig.load(file));
          LOG.info("Reloaded {} topics from {}", current.topics().size(), file);
        } catch (TopicsFileException e) {
          LOG.warn("Topics not reloaded, the previous ones stay in force: {}", e.getMessage());
        }
      }
      return current;
    }
  }

  private FileTime modified() {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      return null;
    }
  }

  private long size() {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return -1;
    }
  }
}
