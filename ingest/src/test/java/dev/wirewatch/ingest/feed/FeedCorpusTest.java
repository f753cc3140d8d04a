package dev.wirewatch.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Parses every document of the shared feed corpora (../shared/feeds) and writes each file's outcome
 * to target/feed-corpus-report.tsv. Skips when ../shared is absent (a user's clone).
 */
class FeedCorpusTest {
  static final Path SHARED_FEEDS = Path.of("..", "..", "shared", "feeds");

  record Outcome(String file, String result, String detail) {}

  static List<Path> corpus(String sub) throws IOException {
    Path dir = SHARED_FEEDS.resolve(sub);
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().equals("LICENSE"))
          .sorted()
          .toList();
    }
  }

  /**
   * Every well-formed case, and every feedjira sample that is a feed: its {@code *FirstEntry*}
   * files are fragments (the expected content of one entry) and DuplicateContentAtomFeed.xml is an
   * XHTML page, so rejecting those is right.
   */
  static boolean mustParse(String rel) {
    if (rel.contains("/wellformed/")) {
      return true;
    }
    return rel.startsWith("feedjira-samples")
        && !rel.contains("FirstEntry")
        && !rel.endsWith("DuplicateContentAtomFeed.xml");
  }

  @Test
  void everyCorpusFileParsesOrIsRejectedWithAReason() throws IOException {
    dev.wirewatch.testlib.SharedData.require("feeds");
    FeedParser parser = new FeedParser();
    List<Outcome> outcomes = new ArrayList<>();
    List<String> wellformedFailures = new ArrayList<>();
    for (String sub : List.of("feedparser-cases", "feedjira-samples")) {
      for (Path f : corpus(sub)) {
        String rel = SHARED_FEEDS.relativize(f).toString();
        try {
          ParsedFeed feed = parser.parse(Files.readAllBytes(f), "http://127.0.0.1/" + rel);
          outcomes.add(
              new Outcome(rel, "ok", feed.format() + ", " + feed.entries().size() + " entries"));
        } catch (FeedParseException e) {
          outcomes.add(new Outcome(rel, "rejected", e.getMessage()));
          if (mustParse(rel)) {
            wellformedFailures.add(rel + ": " + e.getMessage());
          }
        }
      }
    }
    Path report = Path.of("target", "feed-corpus-report.tsv");
    Files.createDirectories(report.getParent());
    List<String> lines = new ArrayList<>();
    lines.add("file\toutcome\tdetail");
    outcomes.forEach(
        o -> lines.add(o.file() + "\t" + o.result() + "\t" + o.detail().replace('\t', ' ')));
    Files.write(report, lines);
    assertThat(outcomes).hasSizeGreaterThan(2000);
    assertThat(wellformedFailures)
        .as("well-formed feeds that did not parse (see %s)", report)
        .isEmpty();
  }
}
