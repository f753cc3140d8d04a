package dev.wirewatch.ingest.file;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wirewatch.ingest.dates.PublishedDates;
import dev.wirewatch.ingest.publish.RawArticleSink;
import dev.wirewatch.ingest.publish.Rejection;
import dev.wirewatch.ingest.url.CanonicalUrls;
import dev.wirewatch.schemas.ArticleIds;
import dev.wirewatch.schemas.RawArticle;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Imports articles from files: {@code .txt} (first non-empty line is the title, the rest the body),
 * {@code .html}/{@code .htm} (the page as is; the processor extracts it), {@code .jsonl} (one
 * article a line: title, body, url, publishedAt, source, id) and directories of these.
 *
 * <p>Bad input never stops an import: each unreadable file or line becomes a {@link Problem} and
 * the rest goes on. A problem with the input itself (too large, empty, not JSON, …) is also given
 * to the sink as a {@link Rejection}, so it ends on news.dlq with its reason; a problem with the
 * command line (no such file, an unsupported file type) is only reported.
 */
public final class FileImporter {
  /** Default source id of articles read from files that do not name one. */
  public static final String DEFAULT_SOURCE = "file";

  /** Default largest file read as one article (10 MiB); larger ones are reported and skipped. */
  public static final long DEFAULT_MAX_ARTICLE_BYTES = 10L * 1024 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final RawArticleSink sink;
  private final Clock clock;
  private final long maxArticleBytes;

  public FileImporter(RawArticleSink sink, Clock clock, long maxArticleBytes) {
    if (maxArticleBytes < 1) {
      throw new IllegalArgumentException(
          "maxArticleBytes must be positive, got " + maxArticleBytes);
    }
    this.sink = sink;
    this.clock = clock;
    this.maxArticleBytes = maxArticleBytes;
  }

  /** Imports every path (files and directories, recursively, in name order), then flushes. */
  public ImportReport importPaths(List<Path> paths) {
    Counter counter = new Counter();
    for (Path p : paths) {
      importPath(p, counter);
    }
    sink.flush();
    return new ImportReport(counter.published, counter.problems);
  }

  /** Imports one text document given by name, as if it were a file (bundled samples). */
  public ImportReport importText(String name, String content) {
    Counter counter = new Counter();
    importTextArticle(name, content, Map.of("file", name), counter);
    sink.flush();
    return new ImportReport(counter.published, counter.problems);
  }

  private void importPath(Path path, Counter counter) {
    if (Files.isDirectory(path)) {
      List<Path> children;
      try (Stream<Path> s = Files.list(path)) {
        children = s.sorted().toList();
      } catch (IOException e) {
        counter.problem(path.toString(), "cannot list directory: " + describe(e));
        return;
      }
      for (Path child : children) {
        if (Files.isDirectory(child) || kindOf(child).isPresent()) {
          importPath(child, counter);
        }
      }
      return;
    }
    if (!Files.exists(path)) {
      counter.problem(path.toString(), "no such file");
      return;
    }
    Optional<String> kind = kindOf(path);
    if (kind.isEmpty()) {
      counter.problem(
          path.toString(), "unsupported file type (expected .txt, .html, .htm or .jsonl)");
      return;
    }
    try {
      switch (kind.get()) {
        case "jsonl" -> importJsonLines(path, counter);
        default -> importWholeFile(path, kind.get(), counter);
      }
    } catch (IOException e) {
      reject(counter, path.toString(), "cannot read: " + describe(e), null);
    }
  }

  private static Optional<String> kindOf(Path path) {
    String name =
        path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".txt")) {
      return Optional.of("txt");
    }
    if (name.endsWith(".html") || name.endsWith(".htm")) {
      return Optional.of("html");
    }
    if (name.endsWith(".jsonl")) {
      return Optional.of("jsonl");
    }
    return Optional.empty();
  }

  private void importWholeFile(Path path, String kind, Counter counter) throws IOException {
    long size = Files.size(path);
    if (size > maxArticleBytes) {
      reject(
          counter,
          path.toString(),
          "file too large: " + size + " bytes, the limit is " + maxArticleBytes,
          head(path));
      return;
    }
    byte[] bytes = Files.readAllBytes(path);
    boolean html = kind.equals("html");
    TextDecoding.Decoded decoded = TextDecoding.decode(bytes, html);
    Map<String, String> meta = new HashMap<>();
    meta.put("file", path.getFileName().toString());
    meta.put("charset", decoded.charset().name());
    if (decoded.guessed()) {
      meta.put("charsetGuessed", "true");
    }
    if (html) {
      if (decoded.text().isBlank()) {
        reject(counter, path.toString(), "empty file", bytes);
        return;
      }
      String id = ArticleIds.ofContent(DEFAULT_SOURCE, null, decoded.text());
      publish(id, DEFAULT_SOURCE, null, "text/html", null, decoded.text(), null, meta, counter);
    } else {
      importTextArticle(path.toString(), decoded.text(), meta, counter);
    }
  }

  private void importTextArticle(
      String where, String text, Map<String, String> meta, Counter counter) {
    String normalized = text.replace("\r\n", "\n").replace('\r', '\n');
    String[] lines = normalized.split("\n", -1);
    int first = 0;
    while (first < lines.length && lines[first].isBlank()) {
      first++;
    }
    if (first == lines.length) {
      reject(counter, where, "empty file", text.getBytes(StandardCharsets.UTF_8));
      return;
    }
    String title = lines[first].strip();
    String body =
        String.join("\n", java.util.Arrays.asList(lines).subList(first + 1, lines.length)).strip();
    if (body.isEmpty()) {
      reject(
          counter,
          where,
          "no body: a text article is a title line followed by its text",
          text.getBytes(StandardCharsets.UTF_8));
      return;
    }
    String id = ArticleIds.ofContent(DEFAULT_SOURCE, title, body);
    publish(id, DEFAULT_SOURCE, null, "text/plain", title, body, null, meta, counter);
  }

  private void importJsonLines(Path path, Counter counter) throws IOException {
    try (InputStream in = Files.newInputStream(path);
        BufferedReader reader =
            new BufferedReader(
                new InputStreamReader(
                    in,
                    StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE)))) {
      BoundedLines lines = new BoundedLines(reader, maxArticleBytes);
      long lineNo = 0;
      for (BoundedLines.Line line; (line = lines.next()) != null; ) {
        lineNo++;
        String where = path + ":" + lineNo;
        if (line.tooLong()) {
          reject(
              counter, where, "line longer than " + maxArticleBytes + " characters, skipped", null);
          continue;
        }
        if (line.text().isBlank()) {
          continue;
        }
        importJsonRecord(where, path.getFileName().toString(), line.text(), counter);
      }
    }
  }

  private void importJsonRecord(String where, String fileName, String line, Counter counter) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      reject(
          counter,
          where,
          "not valid JSON: " + e.getOriginalMessage(),
          line.getBytes(StandardCharsets.UTF_8));
      return;
    }
    if (node == null || !node.isObject()) {
      reject(
          counter,
          where,
          "expected a JSON object with at least a body",
          line.getBytes(StandardCharsets.UTF_8));
      return;
    }
    String body = text(node, "body");
    if (body == null || body.isBlank()) {
      reject(counter, where, "missing or empty \"body\"", line.getBytes(StandardCharsets.UTF_8));
      return;
    }
    String title = text(node, "title");
    String source =
        Optional.ofNullable(text(node, "source")).filter(s -> !s.isBlank()).orElse(DEFAULT_SOURCE);
    String rawUrl = text(node, "url");
    Optional<String> url = CanonicalUrls.canonicalize(rawUrl);
    Map<String, String> meta = new HashMap<>();
    meta.put("file", fileName);
    String externalId = text(node, "id");
    if (externalId != null) {
      meta.put("sourceKey", externalId);
    }
    if (rawUrl != null && url.isEmpty()) {
      meta.put("invalidUrl", rawUrl);
    }
    String dateline = text(node, "dateline");
    if (dateline != null && !dateline.isBlank()) {
      meta.put(
          "dateline",
          dateline.strip()); // where the story was filed: the place tagger weighs it most
    }
    Instant published = null;
    JsonNode date = node.hasNonNull("publishedAt") ? node.get("publishedAt") : node.get("date");
    if (date != null && !date.isNull()) {
      if (date.isIntegralNumber()) {
        published = Instant.ofEpochMilli(date.asLong());
      } else {
        published = PublishedDates.parse(date.asText()).orElse(null);
        if (published == null) {
          meta.put("unparsedDate", date.asText());
        }
      }
    }
    String id;
    if (url.isPresent()) {
      id = ArticleIds.ofUrl(url.get());
    } else if (externalId != null && !externalId.isBlank()) {
      id = ArticleIds.ofSourceKey(source, externalId);
    } else {
      id = ArticleIds.ofContent(source, title, body);
    }
    String contentType = Optional.ofNullable(text(node, "contentType")).orElse("text/plain");
    publish(id, source, url.orElse(null), contentType, title, body, published, meta, counter);
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private void publish(
      String id,
      String source,
      String url,
      String contentType,
      String title,
      String body,
      Instant publishedAt,
      Map<String, String> meta,
      Counter counter) {
    sink.publish(
        RawArticle.newBuilder()
            .setId(id)
            .setSourceId(source)
            .setUrl(url)
            .setFetchedAt(clock.instant())
            .setContentType(contentType)
            .setTitle(title)
            .setBody(body)
            .setPublishedAt(publishedAt)
            .setMetadata(meta)
            .build());
    counter.published++;
  }

  /** A problem with the input itself: reported, and sent to the DLQ with the start of the input. */
  private void reject(Counter counter, String where, String reason, byte[] sample) {
    counter.problem(where, reason);
    sink.reject(new Rejection(where, reason, sample));
  }

  /** The first bytes of a file too large to read whole, for its dead letter. */
  private static byte[] head(Path path) {
    try (InputStream in = Files.newInputStream(path)) {
      return in.readNBytes(Rejection.MAX_SAMPLE_BYTES);
    } catch (IOException e) {
      return null;
    }
  }

  private static String describe(IOException e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : " (" + m + ")");
  }

  private static final class Counter {
    long published;
    final List<Problem> problems = new ArrayList<>();

    void problem(String where, String reason) {
      problems.add(new Problem(where, reason));
    }
  }
}
