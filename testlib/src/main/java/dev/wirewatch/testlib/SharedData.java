package dev.wirewatch.testlib;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The project's shared evaluation data and corpora ({@code ../shared} beside the repository). A
 * user's clone does not have it: tests that need it are skipped, saying so — except in CI (the
 * environment variable {@code CI=true}), where a skip would hide a regression: there they fail.
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

  /**
   * The path; when it is absent the test is skipped (with the path in the message), or fails in CI.
   */
  public static Path require(String relative) {
    Path p = path(relative);
    String why = "needs " + p + " (../shared), which this clone does not have";
    if (!Files.exists(p) && "true".equals(System.getenv("CI"))) {
      throw new AssertionError(why + " (CI=true: shared data must be present)");
    }
    assumeTrue(Files.exists(p), why);
    return p;
  }
}
