package dev.wirewatch.deploy.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wirewatch.deploy.config.TopicsFile;
import dev.wirewatch.indexer.store.IndexFields;
import dev.wirewatch.ingest.file.ImportReport;
import dev.wirewatch.processor.ArticleProcessor;
import dev.wirewatch.processor.alert.Watches;
import dev.wirewatch.schemas.Topics;
import dev.wirewatch.testlib.CommittedRecords;
import dev.wirewatch.testlib.Eventually;
import dev.wirewatch.testlib.KillPoints;
import dev.wirewatch.testlib.TestBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The indexer as its own process ({@code wirewatch index}, a separate JVM) killed with SIGKILL in
 * the middle of indexing thousands of articles, three times at points drawn from a printed seed,
 * then started a last time: every article is in the index exactly once. The broker, the importer
 * and the processor run in this JVM; the indexer's only state is the index directory, whose last
 * commit carries its Kafka positions.
 *
 * <p>"Exactly once" is checked where an upsert by id cannot hide it: every document carries the
 * Kafka position it was read from, and the restarted indexer says what it applied per partition —
 * which must be exactly the committed records past the offsets its index had committed when the
 * first was killed. The negative test runs the same kill against an indexer that ignores those
 * offsets (a hidden switch of {@code index}) and shows the check fails where the index looks the
 * same.
 *
 * <p>With ../shared present it runs the first 3,000 of the 12,865 Reuters articles plus the seed
 * (the whole set took two minutes of a fault suite that should take six); without it, 3,000
 * generated articles plus the seed.
 */
class IndexerKillIT {
  private static final Path REUTERS =
      Path.of("..", "..", "shared", "eval", "tagging", "reuters21578-train.jsonl");
  private static final int GENERATED = 2500;

  /** Reuters articles indexed (of 12,866) when ../shared is there. */
  private static final int REUTERS_ARTICLES = 3_000;

  /** Generated articles when ../shared is absent. */
  private static final int GENERATED_FOR_KILLS = 3000;

  /** Indexers killed in one run before the one that finishes. */
  private static final int KILLS = 3;

  @TempDir Path brokerDir;
  @TempDir Path data;
  @TempDir Path inputs;
  @TempDir Path stages;
  private TestBroker kafka;
  private final List<Process> children = new ArrayList<>();

  @BeforeEach
  void startBroker() {
    kafka = TestBroker.start(brokerDir, 0);
  }

  @AfterEach
  void stop() throws Exception {
    for (Process p : children) {
      p.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
    }
    kafka.close();
  }

  @Test
  void killMinusNineMidStreamThenRestartIndexesEveryArticleOnce() throws Exception {
    Files.copy(
        Path.of("..", "samples", "seed-article-haiti-kenya.txt"), inputs.resolve("seed.txt"));
    int expected;
    if (Files.isRegularFile(REUTERS)) {
      // Its first REUTERS_ARTICLES articles: enough for the processor to be still writing at the
      // third kill, few enough to keep the fault suite short
      try (var lines = Files.lines(REUTERS)) {
        Files.write(inputs.resolve("reuters.jsonl"), lines.limit(REUTERS_ARTICLES).toList());
      }
      expected = REUTERS_ARTICLES + 1;
    } else {
      System.out.println(
          "IndexerKillIT: "
              + REUTERS
              + " is absent; using "
              + GENERATED_FOR_KILLS
              + " generated articles");
      writeGenerated(GENERATED_FOR_KILLS);
      expected = GENERATED_FOR_KILLS + 1;
    }
    Run run = killMidStreamAndRestart(expected, KILLS, false);
    assertReappliedOnlyPastTheCommit(run);
    try (IndexReader reader =
        dev.wirewatch.indexer.store.ShardedIndex.openReader(data.resolve("index"))) {
      IndexSearcher searcher = new IndexSearcher(reader);
      Set<String> ids = new HashSet<>();
      StoredFields stored = searcher.storedFields();
      ScoreDoc[] docs =
          searcher.search(
                  new TermQuery(new Term(IndexFields.KIND, IndexFields.KIND_ARTICLE)),
                  Integer.MAX_VALUE)
              .scoreDocs;
      Map<String, String> positionOf = new HashMap<>();
      for (ConsumerRecord<String, byte[]> r :
          CommittedRecords.read(kafka.bootstrapServers(), Topics.ARTICLES)) {
        positionOf.put(r.key(), r.topic() + "-" + r.partition() + "@" + r.offset());
      }
      for (ScoreDoc d : docs) {
        var doc = stored.document(d.doc);
        ids.add(doc.get(IndexFields.ID));
        assertThat(doc.get(IndexFields.KAFKA_POSITION))
            .as("where article %s was read", doc.get(IndexFields.ID))
            .isEqualTo(positionOf.get(doc.get(IndexFields.ID)));
      }
      assertThat(docs).as("articles in the index").hasSize(expected);
      assertThat(ids).as("distinct ids").hasSize(expected);
      assertThat(
              searcher.count(
                  new TermQuery(new Term(IndexFields.KIND, IndexFields.KIND_DEAD_LETTER))))
          .isZero();
    }
    // and what a user sees
    java.io.StringWriter out = new java.io.StringWriter();
    int code =
        dev.wirewatch.deploy.cli.Main.run(
            new java.io.PrintWriter(out),
            new java.io.PrintWriter(new java.io.StringWriter()),
            "stats",
            "--data-dir",
            data.toString(),
            "--json");
    assertThat(code).isZero();
    assertThat(out.toString()).contains("\"articles\":" + expected + ",").contains("\"dlq\":0");
  }

  /**
   * The negative test: an indexer that ignores the offsets committed with its index (and so reads
   * everything again from the start) ends with the same index — an upsert by id hides a replay —
   * but fails the check that only records past the commit were applied again.
   */
  @Test
  void anIndexerThatIgnoresItsStoredOffsetsFailsTheCheck() throws Exception {
    writeGenerated(GENERATED);
    // One kill once a fifth is committed is enough to show the check fails (the small stream may
    // be all indexed by then: what matters is that the index committed offsets to ignore).
    Run run = killMidStreamAndRestart(GENERATED, 0, true);
    assertThat(committedArticles()).as("the index alone cannot tell").isEqualTo(GENERATED);
    assertThatThrownBy(() -> assertReappliedOnlyPastTheCommit(run))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("applied again");
  }

  /**
   * What a kill and restart left to check: the offsets the index had committed when the first
   * indexer was killed, and what the second one says it applied (per partition: first offset,
   * records).
   */
  private record Run(Map<String, Long> committedAtKill, Map<String, long[]> appliedBySecond) {}

  /**
   * @param killCount indexers killed at points drawn from a seed; 0: one, a fifth of the way
   */
  private Run killMidStreamAndRestart(int expected, int killCount, boolean brokenSecond)
      throws Exception {
    ArticleProcessor processor = ArticleProcessor.standard(TopicsFile.bundled());
    Map<String, Long> committedAtKill = new HashMap<>();
    Path secondLog;
    try (Pipeline pipeline =
        Pipeline.start(
            kafka.bootstrapServers(),
            data,
            Topics.defaults(),
            processor,
            () -> Watches.NONE,
            (short) 1,
            false)) {
      Process doomed = startIndexer("run-1", false);
      // With kills, the stream is published in stages, each before the kill it must outlast, so
      // that every kill lands while records are still coming however fast the processor is
      List<Path> staged = killCount > 0 ? stagedInputs() : List.of(inputs);
      long published = publish(pipeline, staged.get(0));

      // Three kills (SIGKILL: no shutdown hook, no last commit) at points of the stream drawn from
      // a seed (printed; -Dwirewatch.faultSeed= repeats a run), each on a new indexer.
      List<Integer> kills =
          killCount > 0
              ? KillPoints.of(getClass().getSimpleName(), killCount, expected)
              : List.of(expected / 5);
      for (int k = 0; k < kills.size(); k++) {
        if (k > 0) {
          published += publish(pipeline, staged.get(k));
          doomed = startIndexer("run-" + (k + 1), false);
        }
        long atKill = waitForArticles(kills.get(k), Duration.ofMinutes(5), doomed);
        Process running = doomed;
        // A commit is given the positions read before the refresh it covers, so the first commit
        // can hold documents with no positions yet: kill only once some position is committed,
        // or there is nothing to ignore (for the negative test) or to resume from.
        Eventually.until(
            "a position committed with the index",
            Duration.ofMinutes(2),
            () -> {
              assertThat(running.isAlive()).as("the indexer is running").isTrue();
              return dev.wirewatch.indexer.store.ShardedIndex.committedOffsets(
                      data.resolve("index"))
                  .values()
                  .stream()
                  .anyMatch(o -> o > 0);
            });
        doomed.destroyForcibly();
        assertThat(doomed.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(doomed.exitValue()).as("killed by SIGKILL").isEqualTo(137);
        if (killCount > 0) {
          assertThat(atKill).as("killed in the middle of the stream").isLessThan(expected);
        }
      }
      for (int k = Math.max(1, kills.size()); k < staged.size(); k++) {
        published += publish(pipeline, staged.get(k));
      }
      assertThat(published).as("articles published").isEqualTo(expected);
      dev.wirewatch.indexer.store.ShardedIndex.committedOffsets(data.resolve("index"))
          .forEach((tp, offset) -> committedAtKill.put(tp.toString(), offset));

      Process second = startIndexer("second", brokenSecond);
      pipeline.awaitDrained(Duration.ofMinutes(10), p -> {});
      waitForArticles(expected, Duration.ofMinutes(5), second);
      // The index may have been complete before the last indexer started (a small stream, or the
      // broken indexer's run): wait until it has applied something itself, as its own metrics say.
      Path log = logOf("second", brokenSecond);
      Eventually.until(
          "the last indexer applied records itself",
          Duration.ofMinutes(2),
          () -> {
            assertThat(second.isAlive()).as("the last indexer is running").isTrue();
            java.util.regex.Matcher api =
                java.util.regex.Pattern.compile("Search API: (http://\\S+)/api/search")
                    .matcher(Files.readString(log));
            if (!api.find()) {
              return false;
            }
            String metrics =
                java.net.http.HttpClient.newHttpClient()
                    .send(
                        java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create(api.group(1) + "/metrics"))
                            .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString())
                    .body();
            java.util.regex.Matcher applied =
                java.util.regex.Pattern.compile(
                        "(?m)^wirewatch_indexer_articles_total(\\{[^}]*\\})? ([0-9.E]+)$")
                    .matcher(metrics);
            return applied.find() && Double.parseDouble(applied.group(2)) >= 1;
          });
      // Stop it cleanly (SIGTERM): its shutdown hook commits and says what it applied; the JVM
      // reports the signal (128 + 15).
      second.destroy();
      assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(second.exitValue()).isEqualTo(143);
      secondLog = logOf("second", brokenSecond);
    }
    Map<String, long[]> applied = new HashMap<>();
    java.util.regex.Pattern line =
        java.util.regex.Pattern.compile(
            "Applied since start: (\\S+) from offset (\\d+), (\\d+) records");
    for (String l : Files.readAllLines(secondLog)) {
      java.util.regex.Matcher m = line.matcher(l);
      if (m.find()) {
        applied.put(
            m.group(1), new long[] {Long.parseLong(m.group(2)), Long.parseLong(m.group(3))});
      }
    }
    return new Run(committedAtKill, applied);
  }

  /**
   * After the restart, each partition's records were applied again only from where the index had
   * committed: the first applied is at or past the committed offset, and the count is exactly the
   * committed records past it (none before it applied a second time).
   */
  private void assertReappliedOnlyPastTheCommit(Run run) {
    Map<String, Long> past = new HashMap<>();
    for (String topic : List.of(Topics.ARTICLES, Topics.DLQ)) {
      for (ConsumerRecord<String, byte[]> r :
          CommittedRecords.read(kafka.bootstrapServers(), topic)) {
        String tp = r.topic() + "-" + r.partition();
        if (r.offset() >= run.committedAtKill().getOrDefault(tp, 0L)) {
          past.merge(tp, 1L, Long::sum);
        }
      }
    }
    assertThat(run.committedAtKill().values())
        .as("offsets committed with the index before the kill")
        .anyMatch(o -> o > 0);
    for (Map.Entry<String, long[]> e : run.appliedBySecond().entrySet()) {
      long committed = run.committedAtKill().getOrDefault(e.getKey(), 0L);
      assertThat(e.getValue()[0])
          .as("%s: first offset applied again, against %d committed", e.getKey(), committed)
          .isGreaterThanOrEqualTo(committed);
      assertThat(e.getValue()[1])
          .as("%s: records applied again after the restart", e.getKey())
          .isEqualTo(past.getOrDefault(e.getKey(), 0L));
    }
    assertThat(run.appliedBySecond().keySet())
        .as("partitions with records past the commit, all applied by the restarted indexer")
        .containsAll(past.keySet());
  }

  /** Where the stream stands, as a share of its articles, when each kill's stage is published. */
  private static final double[] STAGES = {0.35, 0.55, 0.75};

  /**
   * The inputs in stages: the seed and the first 35% of the JSON Lines articles, then up to 55%,
   * 75% and the rest. Kill k falls in its slice of 10–70% of the stream ({@link KillPoints}), below
   * what is published before it, and the last kill below 75%: never after the stream's end.
   */
  private List<Path> stagedInputs() throws IOException {
    assertThat(STAGES).as("a stage before each kill").hasSize(KILLS);
    List<String> lines = new ArrayList<>();
    List<Path> others = new ArrayList<>();
    try (var files = Files.list(inputs)) {
      for (Path f : files.sorted().toList()) {
        if (f.toString().endsWith(".jsonl")) {
          lines.addAll(Files.readAllLines(f));
        } else {
          others.add(f);
        }
      }
    }
    List<Path> out = new ArrayList<>();
    int from = 0;
    for (int k = 0; k <= STAGES.length; k++) {
      int to = k < STAGES.length ? (int) (lines.size() * STAGES[k]) : lines.size();
      Path dir = Files.createDirectories(stages.resolve("stage-" + k));
      Files.write(dir.resolve("articles.jsonl"), lines.subList(from, to));
      if (k == 0) {
        for (Path f : others) {
          Files.copy(f, dir.resolve(f.getFileName()));
        }
      }
      out.add(dir);
      from = to;
    }
    return out;
  }

  private static long publish(Pipeline pipeline, Path input) {
    ImportReport report = pipeline.importPaths(List.of(input));
    assertThat(report.problems()).isEmpty();
    return report.published();
  }

  private void writeGenerated(int count) throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      lines.add(
          "{\"id\":\"gen-"
              + i
              + "\",\"title\":\"Wire report number "
              + i
              + "\",\"body\":\"Report "
              + i
              + " from the desk: officials in city "
              + (i % 97)
              + " said on day "
              + i
              + " that talks on issue "
              + (i * 7 % 113)
              + " would go on, and that a statement number "
              + i
              + " would follow within the week.\"}");
    }
    Files.write(inputs.resolve("wire.jsonl"), lines);
  }

  private static Path logOf(String name, boolean broken) {
    return Path.of("target", "indexer-kill-" + (broken ? "broken-" : "") + name + ".log");
  }

  /** Starts {@code wirewatch index} in a JVM of its own, on this test's classpath. */
  private Process startIndexer(String name, boolean ignoreStoredOffsets) throws IOException {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Path log = logOf(name, ignoreStoredOffsets);
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.wirewatch.deploy.cli.Main",
                "index",
                "--port",
                "0",
                "--bootstrap-servers",
                kafka.bootstrapServers(),
                "--data-dir",
                data.toString(),
                "--commit-interval-ms",
                "200"));
    if (ignoreStoredOffsets) {
      command.add("--ignore-stored-offsets");
    }
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    children.add(p);
    return p;
  }

  /**
   * Waits until the index's last commit holds at least {@code n} articles; returns how many it
   * holds.
   */
  private long waitForArticles(long n, Duration timeout, Process indexer) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    long count = 0;
    while (System.nanoTime() < deadline) {
      assertThat(indexer.isAlive()).as("the indexer process is running").isTrue();
      count = committedArticles();
      if (count >= n) {
        return count;
      }
      Thread.sleep(50);
    }
    throw new AssertionError(
        "the index holds " + count + " articles after " + timeout + ", expected " + n);
  }

  private long committedArticles() throws IOException {
    try (IndexReader reader =
        dev.wirewatch.indexer.store.ShardedIndex.openReader(data.resolve("index"))) {
      return new IndexSearcher(reader)
          .count(new TermQuery(new Term(IndexFields.KIND, IndexFields.KIND_ARTICLE)));
    } catch (IllegalStateException noShardCommittedYet) {
      return 0;
    }
  }
}
