package dev.wirewatch.deploy.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.io.file.PathUtils;

/** Directories a command makes for a while and removes again (benchmarks, rebuilds). */
public final class Directories {
  private Directories() {}

  /** Deletes the directory and everything in it; nothing when it does not exist. */
  public static void delete(Path dir) throws IOException {
    if (Files.exists(dir)) {
      PathUtils.deleteDirectory(dir);
    }
  }

  /** {@link #delete}, best effort: for temporary directories, where a leftover does no harm. */
  public static void deleteQuietly(Path dir) {
    try {
      delete(dir);
    } catch (IOException | RuntimeException e) {
      // a temporary directory: best effort
    }
  }
}
