package dev.wirewatch.processor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the samples shipped at the top of the repository ({@code samples/}). */
public final class Samples {
  private Samples() {}

  public static String seedArticle() {
    return read("seed-article-haiti-kenya.txt");
  }

  /** A sample of samples/ by file name. */
  public static String read(String name) {
    Path p = Path.of("..", "samples", name);
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("the sample " + name + " ships in samples/", e);
    }
  }
}
