package dev.wirewatch.deploy.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a configuration file holds (topics, watches), reloaded when the file changes, without a
 * restart. The file's modification time and size are checked at most once per {@code checkEvery}; a
 * file that no longer loads is reported in the log and what was loaded last stays in force, so a
 * typo never stops the processor. Thread-safe.
 */
public final class ReloadingFile<T> implements Supplier<T> {
  private static final Logger LOG = LoggerFactory.getLogger(ReloadingFile.class);

  private final Path file;
  private final Duration checkEvery;
  private final Clock clock;
  private final Function<Path, T> loader;
  private final String what;
  private volatile T current;
  private volatile Instant nextCheck;
  private FileTime loadedTime;
  private long loadedSize;

  /**
   * Loads the file now: a file that does not load at start is an error (the loader's exception).
   *
   * @param what what the file holds, for the log ("topics")
   * @param loader reads and validates the file, throwing a RuntimeException that names the problem
   */
  public ReloadingFile(
      String what, Path file, Function<Path, T> loader, Duration checkEvery, Clock clock) {
    this.what = what;
    this.loader = loader;
    this.file = file;
    this.checkEvery = checkEvery;
    this.clock = clock;
    FileTime time = modified();
    long size = size();
    this.current = loader.apply(file);
    this.loadedTime = time;
    this.loadedSize = size;
    this.nextCheck = clock.instant().plus(checkEvery);
  }

  @Override
  public T get() {
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
          current = loader.apply(file);
          LOG.info("Reloaded {} from {}", what, file);
        } catch (RuntimeException e) {
          LOG.warn("{} not reloaded, the previous ones stay in force: {}", what, e.getMessage());
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
