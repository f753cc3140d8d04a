package dev.wirewatch.deploy.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.wirewatch.deploy.config.TopicsFile;
import dev.wirewatch.deploy.config.WatchesFile;
import dev.wirewatch.indexer.search.ArticleSearcher;
import dev.wirewatch.indexer.store.IndexFields;
import dev.wirewatch.processor.ArticleProcessor;
import dev.wirewatch.processor.alert.Watches;
import dev.wirewatch.schemas.Alert;
import dev.wirewatch.schemas.ArticleIds;
import dev.wirewatch.schemas.DeadLetter;
import dev.wirewatch.schemas.Topics;
import dev.wirewatch.testlib.CaughtUp;
import dev.wirewatch.testlib.CommittedRecords;
import dev.wirewatch.testlib.SyntheticEvents;
import dev.wirewatch.testlib.TestBroker;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault: {@code kill -9} of the ingester (a JVM of its own) in the middle of a poll, then a new
 * one. The killed ingester had published part of the feed without recording it as seen (it records
 * after the articles are durable), so its successor publishes those again; the processor skips them
 * as repeats. Afterwards the index holds every good article exactly once, the DLQ exactly the bad
 * pages, once each, and each story's new-story alert was delivered once.
 */
class IngesterKillIT {
  private static final int ITEMS = 120;
  private static final String SECRET = "kill-test-secret";

  @TempDir Path brokerDir;
  @TempDir Path work;
  private TestBroker kafka;
  private HttpServer server;
  private final List<Process> children = new ArrayList<>();
  private final AtomicInteger feedRequests = new AtomicInteger();
  private final List<JsonNode> delivered = new CopyOnWriteArrayList<>();

  /** Every 25th page, from the 4th, has no text, only script: a dead letter. */
  private static boolean bad(int i) {
    return i % 25 == 3;
  }

  @BeforeEach
  void start() throws IOException {
    kafka = TestBroker.start(brokerDir, 0);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
    server.createContext(
        "/",
        ex -> {
          String path = ex.getRequestURI().getPath();
          String type = "text/html; charset=utf-8";
          String body;
          if (path.equals("/feed.xml")) {
            feedRequests.incrementAndGet();
            type = "application/rss+xml";
            body = feed();
          } else if (path.startsWith("/a/")) {
            int i = Integer.parseInt(path.substring(3));
            try {
              Thread.sleep(
                  15); // a slow site: the poll takes seconds, so the kill lands in its middle
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            body =
                bad(i)
                    ? "<html><head><title>App</title></head><body><div id=\"root\"></div><script>render()</script></body></html>"
                    : page(i);
          } else if (path.equals("/hook")) {
            delivered.add(new ObjectMapper().readTree(ex.getRequestBody().readAllBytes()));
            ex.sendResponseHeaders(200, -1);
            ex.close();
            return;
          } else {
            ex.sendResponseHeaders(404, -1);
            ex.close();
            return;
          }
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().set("Content-Type", type);
          ex.sendResponseHeaders(200, bytes.length);
          try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
  }

  @AfterEach
  void stop() throws Exception {
    for (Process p : children) {
      p.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
    }
    server.stop(0);
    kafka.close();
  }

  private String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private String feed() {
    StringBuilder b =
        new StringBuilder(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Desk</title>");
    for (int i = 0; i < ITEMS; i++) {
      b.append("<item><title>")
          .append(SyntheticEvents.title(i, i))
          .append("</title><link>")
          .append(base())
          .append("/a/")
          .append(i)
          .append("</link><description>Summary ")
          .append(i)
          .append("</description></item>");
    }
    return b.append("</channel></rss>").toString();
  }

  /**
   * Item {@code i}'s page: the report of an event of its own ({@link SyntheticEvents}), so each
   * good item is a story and raises one alert, with site furniture around it.
   */
  private static String page(int i) {
    return "<html><head><title>"
        + SyntheticEvents.title(i, i)
        + "</title></head><body><nav><a href=\"/\">Home</a></nav><article><h1>"
        + SyntheticEvents.title(i, i)
        + "</h1><p>"
        + SyntheticEvents.text(i, i)
        + " Police said so.</p><p>"
        + SyntheticEvents.text(i, i + 1)
        + " "
        + SyntheticEvents.text(i, i + 2)
        + "</p></article>"
        + "<footer>Share this story</footer></body></html>";
  }

  private Watches watches() {
    return WatchesFile.parse(
        """
        targets:
          - {id: receiver, type: webhook, url: '%s/hook', secretEnv: HOOK_SECRET}
        watches:
          - {id: patrols, query: 'police', alerts: [new-story], deliver: [receiver]}
        """
            .formatted(base()),
        "test",
        name -> name.equals("HOOK_SECRET") ? SECRET : null);
  }

  @Test
  void killMinusNineMidPollThenRestartLeavesEachArticleDeadLetterAndAlertOnce() throws Exception {
    Path sources = work.resolve("sources.yaml");
    Files.writeString(
        sources,
        """
        settings:
          userAgent: "Wirewatch-test"
          minHostDelay: 0
          maxPagesPerPoll: 1000
        sources:
          - id: desk
            url: %s/feed.xml
            pollInterval: 30s
            allowPrivateNetwork: true
        """
            .formatted(base()));
    Topics topics = Topics.defaults();
    ArticleProcessor processor = ArticleProcessor.standard(TopicsFile.bundled());
    Watches watches = watches();
    try (Pipeline pipeline =
        Pipeline.start(
            kafka.bootstrapServers(),
            work.resolve("data"),
            topics,
            processor,
            () -> watches,
            (short) 1)) {
      Process first = startIngester(sources, "first");
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (rawRecords() < ITEMS / 4) {
        assertThat(first.isAlive()).as("the ingester process is running").isTrue();
        assertThat(System.nanoTime())
            .as("news.raw reached %d records", ITEMS / 4)
            .isLessThan(deadline);
        Thread.sleep(50);
      }
      first.destroyForcibly();
      assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(first.exitValue()).as("killed by SIGKILL").isEqualTo(137);
      long atKill = rawRecords();
      assertThat(atKill).as("killed in the middle of the poll").isLessThan(ITEMS);

      Process second = startIngester(sources, "second");
      // The new ingester polls at once (the killed one never saved its poll state) and republishes
      // what was not recorded as seen.
      await()
          .atMost(Duration.ofMinutes(2))
          .until(
              () -> {
                assertThat(second.isAlive()).as("the second ingester is running").isTrue();
                return rawRecords() >= ITEMS + atKill - 1 && statusRecords() >= 1;
              });
      // The end condition: the processor consumed news.raw (which the ingester, not this JVM's
      // sink, wrote) and its story hop to the end with no transaction open; then the indexer
      // caught up with what it wrote. Anything processed or alerted twice is there by now.
      CaughtUp.await(
          "the processor consumed everything",
          Duration.ofMinutes(3),
          kafka.bootstrapServers(),
          dev.wirewatch.processor.ProcessorService.DEFAULT_APPLICATION_ID,
          List.of(Topics.RAW, dev.wirewatch.processor.ProcessorService.STORIES_REPARTITION_TOPIC),
          List.of(Topics.ARTICLES, Topics.DLQ, Topics.ALERTS));
      pipeline.awaitDrained(Duration.ofMinutes(3), p -> {});

      int goodCount = (int) java.util.stream.IntStream.range(0, ITEMS).filter(i -> !bad(i)).count();
      pipeline.searcherManager().maybeRefreshBlocking();
      IndexSearcher searcher = pipeline.searcherManager().acquire();
      try {
        var stats = new ArticleSearcher().stats(searcher);
        assertThat(stats.articles()).as("articles in the index").isEqualTo(goodCount);
        assertThat(stats.deadLetters())
            .as("dead letters in the index")
            .isEqualTo(ITEMS - goodCount);
        List<String> notOnce = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
          String id = ArticleIds.ofUrl(base() + "/a/" + i);
          int n = searcher.count(new TermQuery(new Term(IndexFields.ID, id)));
          if (n != (bad(i) ? 0 : 1)) {
            notOnce.add(i + "×" + n);
          }
        }
        assertThat(notOnce).as("articles not in the index exactly once").isEmpty();
      } finally {
        pipeline.searcherManager().release(searcher);
      }

      // news.dlq: exactly the bad pages, once each, with the reason
      Set<String> badIds =
          java.util.stream.IntStream.range(0, ITEMS)
              .filter(IngesterKillIT::bad)
              .mapToObj(i -> ArticleIds.ofUrl(base() + "/a/" + i))
              .collect(Collectors.toSet());
      List<DeadLetter> dead =
          readCommitted(Topics.DLQ, 1).stream()
              .map(v -> topics.dlq().valueSerde().deserializer().deserialize(Topics.DLQ, v))
              .toList();
      assertThat(dead).extracting(DeadLetter::getId).containsExactlyInAnyOrderElementsOf(badIds);
      assertThat(dead).allSatisfy(d -> assertThat(d.getReason()).contains("no article text"));

      // news.alerts: one new-story alert per story; the receiver got each once
      List<Alert> alerts =
          readCommitted(Topics.ALERTS, topics.alerts().partitions()).stream()
              .map(v -> topics.alerts().valueSerde().deserializer().deserialize(Topics.ALERTS, v))
              .toList();
      Map<String, Long> perStory =
          alerts.stream()
              .collect(Collectors.groupingBy(a -> a.getStoryId(), Collectors.counting()));
      assertThat(alerts)
          .as("alerts raised: one per good item, each an event of its own")
          .hasSize(ITEMS - badIds.size());
      assertThat(perStory.values()).as("new-story alerts per story").containsOnly(1L);
      await().atMost(Duration.ofSeconds(30)).until(() -> delivered.size() >= alerts.size());
      // The end condition: the notifier consumed every alert (it delivers before it commits)
      CaughtUp.await(
          "the notifier consumed every alert",
          Duration.ofMinutes(1),
          kafka.bootstrapServers(),
          dev.wirewatch.notify.Notifier.GROUP,
          List.of(Topics.ALERTS),
          List.of(Topics.ALERTS));
      Map<String, Long> deliveredPerId =
          delivered.stream()
              .collect(Collectors.groupingBy(n -> n.path("id").asText(), Collectors.counting()));
      assertThat(deliveredPerId.keySet())
          .isEqualTo(alerts.stream().map(a -> a.getId()).collect(Collectors.toSet()));
      assertThat(deliveredPerId.values()).as("deliveries per alert").containsOnly(1L);
      assertThat(pipeline.notifier().failed()).isZero();

      second.destroy();
      assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
  }

  private Process startIngester(Path sources, String name) throws IOException {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Path log = Path.of("target", "ingester-kill-" + name + ".log");
    Process p =
        new ProcessBuilder(
                java,
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.wirewatch.deploy.cli.Main",
                "ingest",
                "--admin-port",
                "-1",
                "--bootstrap-servers",
                kafka.bootstrapServers(),
                "--sources",
                sources.toString(),
                "--data-dir",
                work.resolve("ingest-" + name).toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    children.add(p);
    return p;
  }

  private long rawRecords() {
    return endOffsets(Topics.RAW, Topics.DEFAULT_PARTITIONS);
  }

  private long statusRecords() {
    return endOffsets(Topics.SOURCE_STATUS, 1);
  }

  private long endOffsets(String topic, int partitions) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> tps = new ArrayList<>();
      for (int i = 0; i < partitions; i++) {
        tps.add(new TopicPartition(topic, i));
      }
      return c.endOffsets(tps).values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private List<byte[]> readCommitted(String topic, int partitions) {
    return CommittedRecords.values(kafka.bootstrapServers(), topic);
  }
}
