package dev.wirewatch.testlib;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The project's shared evaluation data and corpora ({@code ../shared} beside the repository). A
 * user's clone does not have it: tests that need it are skipped, saying so.
 */
public final class SharedData {
  private SharedData() {}

  /**
   * The shared folder as seen from a module's directory (where Maven runs its tests): two levels
   * up, beside the repository.
   */
  public static Path root() {
    return Path.of("..", "..", "shared");
  }

  /** A path inside the shared folder. */
  public static Path path(String relative) {
    return root().resolve(relative);
  }

  /** Whether the path exists. */
  public static boolean present(String relative) {
    return Files.exists(path(relative));
  }

  /** The path; the test is skipped (with the path in the message) when it is absent. */
  public static Path require(String relative) {
    Path p = path(relative);
    assumeTrue(Files.exists(p), "needs " + p + " (../shared), which this clone does not have");
    return p;
  }
}
