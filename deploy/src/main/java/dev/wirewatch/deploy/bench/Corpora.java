package dev.wirewatch.deploy.bench;

import dev.wirewatch.schemas.ArticleIds;
import dev.wirewatch.schemas.RawArticle;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The corpora of {@code bin/wirewatch bench --corpus}: {@code reuters} (plain text: the Reuters
 * articles of {@code ../shared/eval/tagging/}, else generated text), {@code web} (real pages of
 * {@code ../shared/eval/extraction/}, else generated pages with site furniture), {@code mixed} (the
 * two interleaved).
 */
final class Corpora {
  static final Path SHARED = Path.of("..", "shared", "eval");
  static final Path REUTERS = SHARED.resolve("tagging").resolve("reuters21578-train.jsonl");
  static final List<Path> PAGES =
      List.of(
          SHARED.resolve("extraction").resolve("readability-pages").resolve("pages"),
          SHARED.resolve("extraction").resolve("trafilatura-snippets").resolve("pages"));

  /** Sources the real pages are spread over, so that templates are learned per source. */
  private static final int PAGE_SOURCES = 25;

  private Corpora() {}

  /** A corpus and what it is called in the results. */
  record Corpus(String name, List<RawArticle> articles) {}

  /**
   * The named corpus.
   *
   * @param articles at most this many (0: all, or {@code generated} generated ones)
   */
  static Corpus named(String name, int articles, int generated, long seed) {
    int n = articles > 0 ? articles : generated;
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "reuters" ->
          Files.isRegularFile(REUTERS)
              ? new Corpus("reuters", EndToEndBenchmark.load(List.of(REUTERS), articles))
              : new Corpus("generated-text", new ArticleGenerator(seed, 0).generate(n));
      case "web" -> web(articles, n, seed);
      case "mixed" -> {
        Corpus text = named("reuters", articles, generated, seed);
        Corpus web = web(articles, n, seed + 1);
        List<RawArticle> mixed = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < text.articles().size() || j < web.articles().size()) {
          if (i < text.articles().size()) {
            mixed.add(text.articles().get(i++));
          }
          if (j < web.articles().size()) {
            mixed.add(web.articles().get(j++));
          }
        }
        yield new Corpus(
            text.name() + "+" + web.name(),
            articles > 0 ? mixed.subList(0, Math.min(articles, mixed.size())) : mixed);
      }
      default ->
          throw new IllegalArgumentException(
              "--corpus must be reuters, web or mixed, got '" + name + "'");
    };
  }

  private static Corpus web(int articles, int n, long seed) {
    List<Path> files = new ArrayList<>();
    for (Path dir : PAGES) {
      if (Files.isDirectory(dir)) {
        try (Stream<Path> s = Files.list(dir)) {
          s.filter(p -> p.getFileName().toString().endsWith(".html.gz"))
              .sorted()
              .forEach(files::add);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    if (files.isEmpty()) {
      return new Corpus("generated-web", new ArticleGenerator(seed, 1).generate(n));
    }
    List<RawArticle> out = new ArrayList<>();
    Instant when = Instant.parse("2026-01-01T00:00:00Z");
    for (int i = 0; i < files.size() && (articles <= 0 || out.size() < articles); i++) {
      String name = files.get(i).getFileName().toString();
      String source = "web-" + (i % PAGE_SOURCES);
      out.add(
          RawArticle.newBuilder()
              .setId(ArticleIds.ofSourceKey(source, name))
              .setSourceId(source)
              .setUrl("https://" + source + ".example/" + name.replace(".html.gz", ""))
              .setFetchedAt(when.plusSeconds(60L * i))
              .setContentType("text/html")
              .setTitle(null)
              .setBody(gunzip(files.get(i)))
              .setPublishedAt(null)
              .setMetadata(Map.of())
              .build());
    }
    return new Corpus("web-pages", out);
  }

  private static String gunzip(Path file) {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
  }
}
