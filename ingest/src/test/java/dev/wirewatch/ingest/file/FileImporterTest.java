package dev.wirewatch.ingest.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wirewatch.ingest.ListSink;
import dev.wirewatch.schemas.RawArticle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileImporterTest {
  @TempDir Path dir;

  private final ListSink sink = new ListSink();
  private final List<RawArticle> published = sink.published;
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-28T08:00:00Z"), ZoneOffset.UTC);
  private final FileImporter importer = new FileImporter(sink, clock, 1024 * 1024);

  @Test
  void textFileFirstNonEmptyLineIsTheTitle() throws IOException {
    Path f =
        Files.writeString(
            dir.resolve("a.txt"), "\n\n  Kenya to lead mission \n\nFirst paragraph.\n\nSecond.\n");

    ImportReport report = importer.importPaths(List.of(f));

    assertThat(report.problems()).isEmpty();
    assertThat(report.published()).isEqualTo(1);
    RawArticle a = published.get(0);
    assertThat(a.getTitle()).isEqualTo("Kenya to lead mission");
    assertThat(a.getBody()).isEqualTo("First paragraph.\n\nSecond.");
    assertThat(a.getContentType()).isEqualTo("text/plain");
    assertThat(a.getFetchedAt()).isEqualTo(clock.instant());
    assertThat(a.getId()).hasSize(32);
  }

  @Test
  void sameContentGetsTheSameIdWhereverTheFileLives() throws IOException {
    Path a = Files.writeString(dir.resolve("a.txt"), "Title\nBody");
    Files.createDirectories(dir.resolve("sub"));
    Path b = Files.writeString(dir.resolve("sub/b.txt"), "Title\nBody");
    importer.importPaths(List.of(a, b));
    assertThat(published).hasSize(2);
    assertThat(published.get(0).getId()).isEqualTo(published.get(1).getId());
  }

  @Test
  void jsonLinesBadLinesAreReportedAndTheRestImported() throws IOException {
    Path f =
        Files.writeString(
            dir.resolve("feed.jsonl"),
            String.join(
                "\n",
                "{\"title\":\"One\",\"body\":\"Body one\",\"url\":\"HTTPS://Example.org/a?utm_source=x#top\",\"publishedAt\":\"2024-03-04T10:00:00Z\",\"source\":\"ex\"}",
                "{not json",
                "{\"title\":\"No body\"}",
                "",
                "[1,2]",
                "{\"id\":\"7\",\"title\":\"Wire\",\"body\":\"Same text\",\"date\":\"26-FEB-1987 15:01:01.79\"}",
                "{\"id\":\"8\",\"title\":\"Wire\",\"body\":\"Same text\",\"date\":\"yesterday\"}"));

    ImportReport report = importer.importPaths(List.of(f));

    assertThat(report.published()).isEqualTo(3);
    assertThat(report.problems())
        .extracting(Problem::where)
        .containsExactly(f + ":2", f + ":3", f + ":5");
    assertThat(report.problems().get(0).reason()).startsWith("not valid JSON");
    assertThat(report.problems().get(1).reason()).contains("body");
    RawArticle one = published.get(0);
    assertThat(one.getUrl()).isEqualTo("https://example.org/a");
    assertThat(one.getSourceId()).isEqualTo("ex");
    assertThat(one.getPublishedAt()).isEqualTo(Instant.parse("2024-03-04T10:00:00Z"));
    // Two wire articles with the same text but their own ids stay two articles.
    assertThat(published.get(1).getId()).isNotEqualTo(published.get(2).getId());
    assertThat(published.get(1).getPublishedAt())
        .isEqualTo(Instant.parse("1987-02-26T15:01:01.790Z"));
    assertThat(published.get(2).getPublishedAt()).isNull();
    assertThat(published.get(2).getMetadata()).containsEntry("unparsedDate", "yesterday");
  }

  @Test
  void unreadableInputsAreReportedAndTheRestGoesOn() throws IOException {
    Files.writeString(dir.resolve("empty.txt"), "  \n\n");
    Files.writeString(dir.resolve("title-only.txt"), "Just a title\n");
    Files.write(dir.resolve("big.txt"), new byte[2 * 1024 * 1024]);
    Files.writeString(dir.resolve("notes.md"), "ignored in a directory");
    Files.writeString(dir.resolve("good.txt"), "Good\nText");

    ImportReport report =
        importer.importPaths(List.of(dir, dir.resolve("missing.txt"), dir.resolve("notes.md")));

    assertThat(report.published()).isEqualTo(1);
    assertThat(report.problems())
        .extracting(Problem::toString)
        .containsExactly(
            dir.resolve("big.txt") + ": file too large: 2097152 bytes, the limit is 1048576",
            dir.resolve("empty.txt") + ": empty file",
            dir.resolve("title-only.txt")
                + ": no body: a text article is a title line followed by its text",
            dir.resolve("missing.txt") + ": no such file",
            dir.resolve("notes.md")
                + ": unsupported file type (expected .txt, .html, .htm or .jsonl)");
    // Problems of the input itself end on the DLQ too, with the start of the input; problems of
    // the command line (a missing file, a type never read) only in the report.
    assertThat(sink.rejected)
        .extracting(dev.wirewatch.ingest.publish.Rejection::where)
        .containsExactly(
            dir.resolve("big.txt").toString(),
            dir.resolve("empty.txt").toString(),
            dir.resolve("title-only.txt").toString());
    assertThat(sink.rejected.get(0).reason())
        .isEqualTo("file too large: 2097152 bytes, the limit is 1048576");
    assertThat(sink.rejected.get(0).sample())
        .hasSize(dev.wirewatch.ingest.publish.Rejection.MAX_SAMPLE_BYTES);
    assertThat(new String(sink.rejected.get(2).sample(), StandardCharsets.UTF_8))
        .isEqualTo("Just a title\n");
  }

  @Test
  void invalidUtf8IsDecodedAsWindows1252AndMarked() throws IOException {
    byte[] bytes = "Caf\u00e9 news\nna\u00efve text".getBytes(StandardCharsets.ISO_8859_1);
    Path f = Files.write(dir.resolve("latin.txt"), bytes);
    importer.importPaths(List.of(f));
    RawArticle a = published.get(0);
    assertThat(a.getTitle()).isEqualTo("Caf\u00e9 news");
    assertThat(a.getBody()).isEqualTo("na\u00efve text");
    assertThat(a.getMetadata()).containsEntry("charsetGuessed", "true");
  }

  @Test
  void htmlIsPassedOnWhole() throws IOException {
    String html = "<html><head><title>T</title></head><body><p>Hello</p></body></html>";
    Path f = Files.writeString(dir.resolve("page.html"), html);
    importer.importPaths(List.of(f));
    assertThat(published.get(0).getBody()).isEqualTo(html);
    assertThat(published.get(0).getContentType()).isEqualTo("text/html");
  }

  @Test
  void anOverlongJsonLineIsSkippedWithBoundedMemory() throws IOException {
    FileImporter small = new FileImporter(sink, clock, 100);
    Path f =
        Files.writeString(
            dir.resolve("long.jsonl"),
            "{\"body\":\"" + "x".repeat(5000) + "\"}\n{\"body\":\"ok\"}\n");
    ImportReport report = small.importPaths(List.of(f));
    assertThat(report.published()).isEqualTo(1);
    assertThat(report.problems())
        .extracting(Problem::toString)
        .containsExactly(f + ":1: line longer than 100 characters, skipped");
  }
}
