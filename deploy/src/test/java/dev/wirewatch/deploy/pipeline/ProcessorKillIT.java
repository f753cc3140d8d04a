package dev.wirewatch.deploy.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wirewatch.ingest.file.FileImporter;
import dev.wirewatch.ingest.publish.KafkaRawArticleSink;
import dev.wirewatch.processor.ProcessorService;
import dev.wirewatch.schemas.TopicAdmin;
import dev.wirewatch.schemas.Topics;
import dev.wirewatch.testlib.CaughtUp;
import dev.wirewatch.testlib.CommittedRecords;
import dev.wirewatch.testlib.Eventually;
import dev.wirewatch.testlib.KillPoints;
import dev.wirewatch.testlib.SyntheticEvents;
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
 * Fault: {@code kill -9} of the processor (a JVM of its own) in the middle of a stream, three times
 * at points drawn from a printed seed, then a last one that finishes. Kafka Streams' exactly-once
 * transactions must leave news.articles holding every article exactly once as a read_committed
 * consumer (the indexer) sees it: no article lost, none written twice, no dead letter, and one
 * new-story alert per story on news.alerts.
 *
 * <p>The stream is {@value #EVENTS} events of {@value #PER_EVENT} articles each, interleaved, so
 * every event has articles before the kill and after it. An event's articles come in four wordings
 * (the rest are near-copies of those; {@link SyntheticEvents}); its words are its own, so whatever
 * order the partitions are read in, the story engine makes one story of each event. The stories
 * after the kill must be exactly those: if the restarted processor had lost the story state, an
 * event's later articles would start new stories and raise new alerts. (Checked: with the
 * story-events store's changelog turned off, this test finds 153 stories for the 100 events.)
 *
 * <p>The processors run without the repeat check (a hidden switch of {@code process}): that check
 * would skip most replayed records on its own and hide whether the transactions did their part.
 * "Exactly once" is judged only after a positive end condition ({@link CaughtUp}: everything
 * consumed, no transaction open), and the same kill under at-least-once processing is the negative
 * test that shows the judgement can fail.
 */
class ProcessorKillIT {
  private static final int EVENTS = 50;
  private static final int PER_EVENT = 20;
  private static final int ARTICLES = EVENTS * PER_EVENT;

  /** Processors killed in one run before the one that finishes. */
  private static final int KILLS = 3;

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
    List<String> written = killMidStreamAndRestart(List.of());
    assertExactlyOnce(written);
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
  }

  /**
   * The negative test of the check above: the same kill with at-least-once processing (and Kafka
   * Streams' longer commit interval for it) must make {@link #assertExactlyOnce} fail — the check
   * can tell exactly-once from at-least-once — while still losing nothing.
   */
  @Test
  void theSameKillUnderAtLeastOnceWritesRepeatsAndTheCheckSeesThem() throws Exception {
    List<String> written =
        killMidStreamAndRestart(
            List.of(
                "--allow-at-least-once",
                "--streams-config",
                "processing.guarantee=at_least_once",
                "--streams-config",
                "commit.interval.ms=5000"));
    assertThat(new HashSet<>(written)).as("distinct articles: nothing lost").hasSize(ARTICLES);
    assertThatThrownBy(() -> assertExactlyOnce(written))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("articles written, counting repeats");
  }

  /** Every article exactly once: as many records as articles, each article among them. */
  private static void assertExactlyOnce(List<String> written) {
    assertThat(new HashSet<>(written)).as("distinct articles").hasSize(ARTICLES);
    assertThat(written).as("articles written, counting repeats").hasSize(ARTICLES);
  }

  /**
   * Publishes the stream, starts a processor (without the repeat check, so that only the processing
   * guarantee stands between a replay and a repeat), kills it with SIGKILL at a random point, does
   * so twice more with new processors, starts a last one, and returns the keys of news.articles
   * once the second has consumed everything and closed its transactions.
   */
  private List<String> killMidStreamAndRestart(List<String> processorArgs) throws Exception {
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
    // Three kills at points drawn from a seed (printed; -Dwirewatch.faultSeed= repeats a run)
    List<Integer> kills = KillPoints.of(getClass().getSimpleName(), KILLS, ARTICLES);
    for (int k = 0; k < kills.size(); k++) {
      Process doomed = startProcessor("run-" + (k + 1), processorArgs);
      long atKill = waitForArticles(kills.get(k), Duration.ofMinutes(4), doomed).size();
      doomed.destroyForcibly();
      assertThat(doomed.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(doomed.exitValue()).as("killed by SIGKILL").isEqualTo(137);
      assertThat(atKill).as("killed in the middle of the stream").isLessThan(ARTICLES);
    }
    // The end condition below can be false: the killed processor left records unconsumed (of
    // news.raw, or of the story hop when cleaning ran ahead of the one story task)
    assertThat(caughtUp().unconsumed().values().stream().mapToLong(Long::longValue).sum())
        .as("records of news.raw and the story hop left after the kill")
        .isPositive();

    Process second = startProcessor("last", processorArgs);
    waitForArticles(ARTICLES, Duration.ofMinutes(5), second);
    // The end condition: the processor has consumed news.raw and its story hop to the end, and no
    // transaction is open on what it writes — nothing more can appear.
    Eventually.until(
        "the processor consumed everything and closed its transactions",
        Duration.ofMinutes(2),
        () -> {
          assertThat(second.isAlive()).as("the processor process is running").isTrue();
          return caughtUp().done();
        });
    List<String> written = readCommitted(Topics.ARTICLES, topics.articles().partitions());
    second.destroy();
    assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return written;
  }

  /**
   * Article {@code i}: of event {@code i % EVENTS}, in the event's wording {@code i / EVENTS} (the
   * fifth and later articles of an event are near-copies of the first four).
   */
  private static String article(int i) {
    return SyntheticEvents.jsonLine(
        "k" + i, "wire", i % EVENTS, i / EVENTS, "Report " + i + " from the desk.");
  }

  /** Where the processor's group stands on its inputs, and whether its outputs are settled. */
  private CaughtUp.State caughtUp() {
    return CaughtUp.of(
        kafka.bootstrapServers(),
        ProcessorService.DEFAULT_APPLICATION_ID,
        List.of(Topics.RAW, ProcessorService.STORIES_REPARTITION_TOPIC),
        List.of(Topics.ARTICLES, Topics.ALERTS, Topics.DLQ));
  }

  private Process startProcessor(String name, List<String> extraArgs) throws IOException {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String variant = extraArgs.isEmpty() ? "" : "at-least-once-";
    Path log = Path.of("target", "processor-kill-" + variant + name + ".log");
    List<String> command =
        new ArrayList<>(
            List.of(
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
                work.resolve("watches.yaml").toString(),
                "--no-repeat-check",
                // A processor killed with SIGKILL never leaves its group: the next one waits for
                // the dead member's session to time out before it gets the partitions. The
                // broker's least (6 s) instead of Wirewatch's 15 s keeps the suite short; the kill
                // and what is checked after it are the same.
                "--streams-config",
                "consumer.session.timeout.ms=6000",
                "--streams-config",
                "consumer.heartbeat.interval.ms=1500"));
    command.addAll(extraArgs);
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
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
