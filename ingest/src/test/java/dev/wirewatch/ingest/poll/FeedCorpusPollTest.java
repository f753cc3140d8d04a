package dev.wirewatch.ingest.poll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wirewatch.ingest.source.SourceConfig;
import dev.wirewatch.ingest.source.SourceKind;
import dev.wirewatch.testlib.LoopbackHttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Polls every document of ../shared/feeds served from a loopback HTTP server, as a source, and
 * writes each file's outcome (ok, or rejected with the reason) to target/feed-poll-report.tsv.
 * Skips when ../shared is absent.
 */
class FeedCorpusPollTest {
  static final Path FEEDS = Path.of("..", "..", "shared", "feeds");

  @Test
  void everyFeedIsPolledWithoutAnUnhandledExceptionAndEveryWellFormedOneParses() throws Exception {
    dev.wirewatch.testlib.SharedData.require("feeds");
    List<Path> files;
    try (Stream<Path> s = Files.walk(FEEDS)) {
      files =
          s.filter(Files::isRegularFile)
              .filter(p -> !p.getFileName().toString().equals("LICENSE"))
              .sorted()
              .toList();
    }
    List<String> report = new ArrayList<>();
    report.add("file\toutcome\tdetail");
    List<String> internalErrors = new ArrayList<>();
    List<String> wellformedRejected = new ArrayList<>();
    int ok = 0;
    try (LoopbackHttpServer server = new LoopbackHttpServer().serveFiles(FEEDS);
        Harness h = Harness.fast()) {
      server.route("/robots.txt", 404, "text/plain", "");
      int n = 0;
      for (Path f : files) {
        String rel = FEEDS.relativize(f).toString().replace('\\', '/');
        SourceConfig source =
            new SourceConfig(
                "s" + n++,
                server.url("/files/" + rel),
                SourceKind.FEED,
                Duration.ofMinutes(5),
                List.of(),
                null,
                false,
                true);
        int before = h.published.size();
        PollOutcome o = h.poller.poll(source);
        if (o.ok()) {
          ok++;
          report.add(rel + "\tok\t" + (h.published.size() - before) + " articles published");
        } else {
          report.add(rel + "\trejected\t" + o.error().replace('\t', ' '));
          if (o.error().startsWith("internal error")) {
            internalErrors.add(rel + ": " + o.error());
          }
          if (rel.contains("/wellformed/")) {
            wellformedRejected.add(rel + ": " + o.error());
          }
        }
      }
    }
    Path out = Path.of("target", "feed-poll-report.tsv");
    Files.createDirectories(out.getParent());
    Files.write(out, report);
    assertThat(files).hasSizeGreaterThan(2000);
    assertThat(internalErrors).as("unhandled exceptions (report: %s)", out).isEmpty();
    assertThat(wellformedRejected).as("well-formed feeds rejected (report: %s)", out).isEmpty();
    assertThat(ok).isGreaterThan(2100);
  }
}
