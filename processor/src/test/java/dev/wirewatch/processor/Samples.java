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
    Path p = Path.of("..", "samples", "seed-article-haiti-kenya.txt");
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("the seed sample ships in samples/ and must be readable", e);
    }
  }
}
