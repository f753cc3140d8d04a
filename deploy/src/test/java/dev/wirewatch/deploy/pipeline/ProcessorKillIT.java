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
 *
 * <p>The stream is {@value #EVENTS} events of {@value #PER_EVENT} articles each, interleaved, so
 * every event has articles before the kill and after it. An event's articles come in four wordings
 * (the rest are copies of those); its words are its own, so whatever order the partitions are read
 * in, the story engine makes one story of each event. The stories after the kill must be exactly
 * those: if the restarted processor had lost the story state, an event's later articles would start
 * new stories and raise new alerts. (Checked: with the story-events store's changelog turned off,
 * this test finds 153 stories for the 100 events.)
 */
class ProcessorKillIT {
  private static final int EVENTS = 100;
  private static final int PER_EVENT = 20;
  private static final int ARTICLES = EVENTS * PER_EVENT;
  private static final String[] SYLLABLES = {
    "ka", "ro", "mi", "zu", "te", "lo", "va", "ne", "si", "pu"
  };
  private static final String[] TITLES = {
    "%1$s and %2$s on %3$s",
    "%3$s: %2$s and %1$s",
    "The %3$s of %1$s with %2$s",
    "%2$s, %1$s and the %3$s",
    "On %3$s, %1$s to %2$s"
  };
  private static final String[] BODIES = {
    "Officials of %1$s and %2$s on the %3$s of %1$s.",
    "In %1$s, the %3$s with %2$s: officials at %2$s to %1$s on the %3$s.",
    "%2$s officials and %1$s on %3$s, at %3$s in %2$s.",
    "For %1$s and %2$s, the %3$s of %2$s is to %1$s officials the %3$s."
  };

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
      lines.add(article(i));
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
    Map<String, Integer> eventOf = new java.util.HashMap<>();
    for (int i = 0; i < ARTICLES; i++) {
      eventOf.put(dev.wirewatch.schemas.ArticleIds.ofSourceKey("wire", "k" + i), i % EVENTS);
    }
    Map<String, Set<Integer>> eventsByStory = new java.util.HashMap<>();
    readCommittedValues(Topics.ARTICLES, topics.articles().partitions()).stream()
        .map(v -> topics.articles().valueSerde().deserializer().deserialize(Topics.ARTICLES, v))
        .forEach(
            a ->
                eventsByStory
                    .computeIfAbsent(a.getStoryId(), k -> new HashSet<>())
                    .add(eventOf.get(a.getId())));
    assertThat(eventsByStory.values())
        .as("events per story: each story is one event")
        .allSatisfy(events -> assertThat(events).hasSize(1));
    assertThat(eventsByStory).as("stories: one per event, as without the kill").hasSize(EVENTS);
    Set<String> stories = eventsByStory.keySet();
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

  /**
   * Article {@code i}: of event {@code i % EVENTS}, whose made-up names are its own, in one of four
   * wordings (the fifth and later articles of an event copy one of them).
   */
  private static String article(int i) {
    int event = i % EVENTS;
    int variant = i / EVENTS;
    String a = SYLLABLES[event / 10] + SYLLABLES[event % 10];
    String b = SYLLABLES[event % 10] + SYLLABLES[event / 10];
    String[] names = {capitalised(a + "vi"), capitalised(b + "ra"), a + "mo"};
    String title = String.format(TITLES[variant % TITLES.length], (Object[]) names);
    String body =
        String.format(BODIES[variant % BODIES.length], (Object[]) names) + " Report " + i + ".";
    return "{\"id\":\"k"
        + i
        + "\",\"source\":\"wire\",\"title\":\""
        + title
        + "\",\"body\":\""
        + body
        + "\"}";
  }

  private static String capitalised(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
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
