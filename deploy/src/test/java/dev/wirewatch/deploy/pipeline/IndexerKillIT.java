package dev.wirewatch.deploy.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wirewatch.deploy.config.TopicsFile;
import dev.wirewatch.indexer.store.IndexFields;
import dev.wirewatch.ingest.file.ImportReport;
import dev.wirewatch.processor.ArticleProcessor;
import dev.wirewatch.processor.alert.Watches;
import dev.wirewatch.schemas.Topics;
import dev.wirewatch.testlib.TestBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
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
 * the middle of indexing thousands of articles, then started again: every article is in the index
 * exactly once. The broker, the importer and the processor run in this JVM; the indexer's only
 * state is the index directory, whose last commit carries its Kafka positions.
 *
 * <p>With ../shared present it runs the acceptance input, the 12,865 Reuters articles plus
 * the seed (12,866); without it, 4,000 generated articles plus the seed.
 */
class IndexerKillIT {
  private static final Path REUTERS =
      Path.of("..", "..", "shared", "eval", "tagging", "reuters21578-train.jsonl");
  private static final int GENERATED = 2500;

  @TempDir Path brokerDir;
  @TempDir Path data;
  @TempDir Path inputs;
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
      Files.copy(REUTERS, inputs.resolve("reuters.jsonl"));
      expected = 12_866;
    } else {
      System.out.println(
          "IndexerKillIT: " + REUTERS + " is absent; using " + GENERATED + " generated articles");
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < GENERATED; i++) {
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
      expected = GENERATED + 1;
    }
    ArticleProcessor processor = ArticleProcessor.standard(TopicsFile.bundled());
    try (Pipeline pipeline =
        Pipeline.start(
            kafka.bootstrapServers(),
            data,
            Topics.defaults(),
            processor,
            () -> Watches.NONE,
            (short) 1,
            false)) {
      Process first = startIndexer("first");
      ImportReport report = pipeline.importPaths(List.of(inputs));
      assertThat(report.problems()).isEmpty();
      assertThat(report.published()).isEqualTo(expected);

      // Kill it (SIGKILL: no shutdown hook, no last commit) once part of the stream is indexed.
      long atKill = waitForArticles(expected / 5, Duration.ofMinutes(5), first);
      first.destroyForcibly();
      assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(first.exitValue()).as("killed by SIGKILL").isEqualTo(137);
      assertThat(atKill).as("killed in the middle of the stream").isLessThan(expected);

      Process second = startIndexer("second");
      pipeline.awaitDrained(Duration.ofMinutes(10), p -> {});
      waitForArticles(expected, Duration.ofMinutes(5), second);
      // Stop it cleanly (SIGTERM): its shutdown hook commits; the JVM reports the signal (128 +
      // 15).
      second.destroy();
      assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(second.exitValue()).isEqualTo(143);
    }
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
      for (ScoreDoc d : docs) {
        ids.add(stored.document(d.doc).get(IndexFields.ID));
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

  /** Starts {@code wirewatch index} in a JVM of its own, on this test's classpath. */
  private Process startIndexer(String name) throws IOException {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Path log = Path.of("target", "indexer-kill-" + name + ".log");
    Process p =
        new ProcessBuilder(
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
                "200")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
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
