package dev.wirewatch.deploy.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wirewatch.ingest.file.FileImporter;
import dev.wirewatch.ingest.publish.KafkaRawArticleSink;
import dev.wirewatch.schemas.TopicAdmin;
import dev.wirewatch.schemas.Topics;
import dev.wirewatch.testlib.CommittedRecords;
import dev.wirewatch.testlib.TestBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault: {@code kill -9} of the processor (a JVM of its own) in the middle of a stream, then a new
 * one. Kafka Streams' exactly-once transactions must leave news.articles holding every article
 * exactly once as a read_committed consumer (the indexer) sees it: no article lost, none written
 * twice, no dead letter, and one new-story alert per story on news.alerts.
 */
class ProcessorKillIT {
  private static final int ARTICLES = 2000;

  @TempDir Path brokerDir;
  @TempDir Path work;
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
  void killMinusNineMidStreamThenRestartWritesEveryArticleOnce() throws Exception {
    Topics topics = Topics.defaults();
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      TopicAdmin.ensureTopics(admin, topics, (short) 1);
    }
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < ARTICLES; i++) {
      lines.add(
          "{\"id\":\"k"
              + i
              + "\",\"source\":\"wire\",\"title\":\"Wire report "
              + i
              + "\",\"body\":\"Report "
              + i
              + " from the desk: officials in city "
              + (i % 97)
              + " said on day "
              + i
              + " that talks on issue "
              + (i * 7 % 113)
              + " would go on, and that statement number "
              + i
              + " would follow within the week.\"}");
    }
    Path input = work.resolve("wire.jsonl");
    Files.write(input, lines);
    try (KafkaRawArticleSink sink =
        new KafkaRawArticleSink(kafka.bootstrapServers(), topics, Map.of())) {
      assertThat(
              new FileImporter(sink, Clock.systemUTC(), FileImporter.DEFAULT_MAX_ARTICLE_BYTES)
                  .importPaths(List.of(input))
                  .published())
          .isEqualTo(ARTICLES);
    }

    Files.writeString(
        work.resolve("watches.yaml"),
        """
        targets: [{id: log, type: log}]
        watches: [{id: desk, query: 'officials', alerts: [new-story], deliver: [log]}]
        """);
    Process first = startProcessor("first");
    long atKill = waitForArticles(ARTICLES / 5, Duration.ofMinutes(4), first).size();
    first.destroyForcibly();
    assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(first.exitValue()).as("killed by SIGKILL").isEqualTo(137);
    assertThat(atKill).as("killed in the middle of the stream").isLessThan(ARTICLES);

    Process second = startProcessor("second");
    List<String> written = waitForArticles(ARTICLES, Duration.ofMinutes(5), second);
    Thread.sleep(2000); // anything written twice would show up now
    written = readCommitted(Topics.ARTICLES, topics.articles().partitions());
    Set<String> distinct = new HashSet<>(written);
    assertThat(distinct).as("distinct articles").hasSize(ARTICLES);
    assertThat(written).as("articles written, counting repeats").hasSize(ARTICLES);
    assertThat(readCommitted(Topics.DLQ, 1)).as("dead letters").isEmpty();
    // Alerts: committed with the articles, so one per story however often a task was redone
    Set<String> stories = new HashSet<>();
    readCommittedValues(Topics.ARTICLES, topics.articles().partitions())
        .forEach(
            v ->
                stories.add(
                    topics
                        .articles()
                        .valueSerde()
                        .deserializer()
                        .deserialize(Topics.ARTICLES, v)
                        .getStoryId()));
    List<dev.wirewatch.schemas.Alert> alerts =
        readCommittedValues(Topics.ALERTS, topics.alerts().partitions()).stream()
            .map(v -> topics.alerts().valueSerde().deserializer().deserialize(Topics.ALERTS, v))
            .toList();
    Map<String, Long> perStory =
        alerts.stream()
            .collect(
                java.util.stream.Collectors.groupingBy(
                    dev.wirewatch.schemas.Alert::getStoryId,
                    java.util.stream.Collectors.counting()));
    assertThat(perStory.keySet()).as("stories alerted").isEqualTo(stories);
    assertThat(perStory.values()).as("new-story alerts per story").containsOnly(1L);
    second.destroy();
    assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
  }

  private Process startProcessor(String name) throws IOException {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Path log = Path.of("target", "processor-kill-" + name + ".log");
    Process p =
        new ProcessBuilder(
                java,
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.wirewatch.deploy.cli.Main",
                "process",
                "--admin-port",
                "-1",
                "--bootstrap-servers",
                kafka.bootstrapServers(),
                "--data-dir",
                work.resolve("processor").toString(),
                "--watches",
                work.resolve("watches.yaml").toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    children.add(p);
    return p;
  }

  /** Waits until news.articles holds at least {@code n} committed records; returns their keys. */
  private List<String> waitForArticles(int n, Duration timeout, Process processor)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> keys = List.of();
    while (System.nanoTime() < deadline) {
      assertThat(processor.isAlive()).as("the processor process is running").isTrue();
      keys = readCommitted(Topics.ARTICLES, Topics.DEFAULT_PARTITIONS);
      if (keys.size() >= n) {
        return keys;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "news.articles holds "
            + keys.size()
            + " committed records after "
            + timeout
            + ", expected "
            + n);
  }

  /** Every committed record's key. */
  private List<String> readCommitted(String topic, int partitions) {
    return CommittedRecords.read(kafka.bootstrapServers(), topic).stream()
        .map(ConsumerRecord::key)
        .toList();
  }

  private List<byte[]> readCommittedValues(String topic, int partitions) {
    return CommittedRecords.values(kafka.bootstrapServers(), topic);
  }
}
