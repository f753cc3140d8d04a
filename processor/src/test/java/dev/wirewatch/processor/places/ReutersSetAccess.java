package dev.wirewatch.processor.places;

import java.io.IOException;
import java.util.List;
import java.util.Set;

/** Opens the Reuters development set to tests in other packages. */
public final class ReutersSetAccess {
  public record Doc(String id, String title, String dateline, String body, Set<String> places) {}

  /** Skips the calling test when the set is absent; fails it in CI. */
  public static void require() {
    ReutersSet.require();
  }

  public static List<Doc> load() throws IOException {
    return ReutersSet.load().stream()
        .map(d -> new Doc(d.id(), d.title(), d.dateline(), d.body(), d.places()))
        .toList();
  }

  private ReutersSetAccess() {}
}
