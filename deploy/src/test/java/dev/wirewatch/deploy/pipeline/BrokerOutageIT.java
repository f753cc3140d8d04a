package dev.wirewatch.deploy.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wirewatch.deploy.config.TopicsFile;
import dev.wirewatch.indexer.search.ArticleSearcher;
import dev.wirewatch.indexer.search.IndexStats;
import dev.wirewatch.indexer.store.IndexFields;
import dev.wirewatch.processor.ArticleProcessor;
import dev.wirewatch.processor.alert.Watches;
import dev.wirewatch.schemas.ArticleIds;
import dev.wirewatch.schemas.Topics;
import dev.wirewatch.testlib.CaughtUp;
import dev.wirewatch.testlib.CommittedRecords;
import dev.wirewatch.testlib.Eventually;
import dev.wirewatch.testlib.SyntheticEvents;
import dev.wirewatch.testlib.TestBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault: the broker stops for 15 s in the middle of a stream and comes back on the same data and
 * port; the broker, in a JVM of its own, killed with SIGKILL and restarted at once; and the broker
 * cut off by a network partition for longer than the session timeouts, then reached again. The
 * publisher keeps publishing through the outage; afterwards the index holds exactly the published
 * set — nothing lost, nothing doubled — the dead-letter topic nothing, and each alert reached the
 * webhook receiver once.
 */
class BrokerOutageIT {
  private static final int BATCH = 150;

  @TempDir Path brokerDir;
  @TempDir Path data;
  @TempDir Path inputs;

  private java.util.List<Path> file(String prefix) throws java.io.IOException {
    Path f = inputs.resolve(prefix + ".jsonl");
    java.nio.file.Files.writeString(f, batch(prefix, BATCH));
    return java.util.List.of(f);
  }

  /** {@code n} articles, each the report of an event of its own (so each is a story). */
  private static String batch(String prefix, int n) {
    StringBuilder b = new StringBuilder();
    for (int k = 0; k < n; k++) {
      int event = k + (prefix.charAt(0) - 'a') * n;
      b.append(
              SyntheticEvents.jsonLine(
                  prefix + k, "wire", event, event, "Officials in Nairobi said the report is out."))
          .append('\n');
    }
    return b.toString();
  }

  /** The broker under test: where it listens, and how it goes away and comes back. */
  private interface Broker extends AutoCloseable {
    String bootstrapServers();

    /** Takes the broker away (a close, or a SIGKILL). */
    void stop() throws Exception;

    /** Starts it again on the same data and port. */
    void restart() throws Exception;

    @Override
    void close();
  }

  @Test
  void aFifteenSecondBrokerOutageLosesAndDoublesNothing() throws Exception {
    int port = dev.wirewatch.testlib.FreePorts.pick();
    TestBroker[] kafka = {TestBroker.start(brokerDir, port)};
    outage(
        new Broker() {
          @Override
          public String bootstrapServers() {
            return kafka[0].bootstrapServers();
          }

          @Override
          public void stop() {
            kafka[0].close();
          }

          @Override
          public void restart() {
            kafka[0] = TestBroker.start(brokerDir, port);
          }

          @Override
          public void close() {
            kafka[0].close();
          }
        },
        Duration.ofSeconds(15));
  }

  /**
   * The broker in a JVM of its own ({@code demo --broker-only}) killed with SIGKILL mid-stream — no
   * clean shutdown, its logs recovered on restart — and started again at once on the same log
   * directory and port while ingest, processing, indexing and notification go on.
   */
  @Test
  void aBrokerKilledWithSigkillAndRestartedLosesAndDoublesNothing() throws Exception {
    int port = dev.wirewatch.testlib.FreePorts.pick();
    Process[] broker = new Process[1];
    int[] starts = {0};
    java.util.concurrent.Callable<Process> start =
        () ->
            startBrokerJvm(
                java.util.List.of(), "127.0.0.1", port, "broker-kill-" + (++starts[0]) + ".log");
    broker[0] = start.call();
    outage(
        new Broker() {
          @Override
          public String bootstrapServers() {
            return "127.0.0.1:" + port;
          }

          @Override
          public void stop() throws Exception {
            broker[0].destroyForcibly();
            assertThat(broker[0].waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(broker[0].exitValue()).as("killed by SIGKILL").isEqualTo(137);
          }

          @Override
          public void restart() throws Exception {
            broker[0] = start.call();
          }

          @Override
          public void close() {
            broker[0].destroy();
            try {
              broker[0].waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        },
        Duration.ZERO);
  }

  /**
   * A network partition, not a crash: the broker runs in a network namespace of its own, reached
   * over a veth pair; the link is cut mid-stream for 25 s — longer than the session timeouts of the
   * processor (15 s) and the notifier (15 s), so the broker drops them from their groups and aborts
   * the processor's open transaction — and then restored. Neither side is restarted: the services
   * must find the broker again by themselves.
   */
  @Test
  void aNetworkPartitionLongerThanTheSessionTimeoutLosesAndDoublesNothing() throws Exception {
    int port = dev.wirewatch.testlib.FreePorts.pick();
    try (dev.wirewatch.testlib.NetworkNamespace ns =
        dev.wirewatch.testlib.NetworkNamespace.create()) {
      Process broker =
          startBrokerJvm(
              ns.command(java.util.List.of()), ns.innerAddress(), port, "broker-partition.log");
      try {
        outage(
            new Broker() {
              @Override
              public String bootstrapServers() {
                return ns.innerAddress() + ":" + port;
              }

              @Override
              public void stop() {
                ns.cut();
              }

              @Override
              public void restart() {
                ns.restore();
                assertThat(broker.isAlive()).as("the broker ran through the partition").isTrue();
              }

              @Override
              public void close() {}
            },
            Duration.ofSeconds(25));
      } finally {
        broker.destroy();
        if (!broker.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
          broker.destroyForcibly().waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        }
      }
    }
  }

  /**
   * Starts {@code demo --broker-only} in a JVM of its own, behind {@code prefix} (e.g. {@code ip
   * netns exec NS}), listening on {@code host:port}, and waits until it says it is up.
   */
  private Process startBrokerJvm(java.util.List<String> prefix, String host, int port, String log)
      throws Exception {
    String javaCmd =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    java.util.List<String> cmd = new java.util.ArrayList<>(prefix);
    cmd.addAll(
        java.util.List.of(
            javaCmd,
            "-Xmx512m",
            "-cp",
            System.getProperty("java.class.path"),
            "dev.wirewatch.deploy.cli.Main",
            "demo",
            "--broker-only",
            "--data-dir",
            brokerDir.toString(),
            "--broker-host",
            host,
            "--broker-port",
            String.valueOf(port)));
    Path logFile = Path.of("target", log);
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
    Eventually.until(
        "the broker says it is up",
        Duration.ofMinutes(1),
        () -> {
          assertThat(p.isAlive()).as("the broker is running; see " + logFile).isTrue();
          return java.nio.file.Files.readString(logFile).contains("Kafka broker: ");
        });
    return p;
  }

  /**
   * A stream of three batches with the broker taken away after the first and brought back after
   * {@code down} while the second is being published.
   */
  private void outage(Broker kafka, Duration down) throws Exception {
    ArticleProcessor processor = ArticleProcessor.standard(TopicsFile.bundled());
    java.util.List<String> delivered = new java.util.concurrent.CopyOnWriteArrayList<>();
    com.sun.net.httpserver.HttpServer receiver =
        com.sun.net.httpserver.HttpServer.create(
            new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext(
        "/hook",
        ex -> {
          delivered.add(ex.getRequestHeaders().getFirst("Idempotency-Key"));
          ex.sendResponseHeaders(200, -1);
          ex.close();
        });
    receiver.start();
    Watches watches =
        dev.wirewatch.deploy.config.WatchesFile.parse(
            """
        targets:
          - {id: receiver, type: webhook, url: 'http://127.0.0.1:%d/hook', secretEnv: HOOK_SECRET}
        watches:
          - {id: reports, query: 'nairobi', alerts: [new-story], deliver: [receiver]}
        """
                .formatted(receiver.getAddress().getPort()),
            "test",
            name -> "outage-secret");
    try (Pipeline pipeline =
        Pipeline.start(
            kafka.bootstrapServers(),
            data,
            Topics.defaults(),
            processor,
            () -> watches,
            (short) 1)) {
      assertThat(pipeline.importPaths(file("a")).published()).isEqualTo(BATCH);
      await().atMost(Duration.ofMinutes(2)).until(() -> pipeline.progress().indexed() >= BATCH / 2);

      // The broker goes away mid-stream; the publisher goes on publishing into the outage.
      kafka.stop();
      java.util.List<Path> duringFile = file("b");
      CompletableFuture<Long> during =
          CompletableFuture.supplyAsync(() -> pipeline.importPaths(duringFile).published());
      Thread.sleep(down.toMillis()); // the length of the outage, not a wait for a result
      kafka.restart();

      assertThat(during.get())
          .isEqualTo(BATCH); // flushed: every article of the outage reached news.raw
      assertThat(pipeline.importPaths(file("c")).published()).isEqualTo(BATCH);
      pipeline.awaitDrained(Duration.ofMinutes(4), p -> {});
      // Each alert reached the receiver, once: the notifier's commits failed during the outage.
      long alerts = countCommitted(kafka.bootstrapServers(), Topics.ALERTS);
      assertThat(alerts).as("alerts raised (one per story)").isEqualTo(3 * BATCH);
      await().atMost(Duration.ofMinutes(1)).until(() -> delivered.size() >= alerts);
      // The end condition: the notifier consumed every alert (it delivers before it commits)
      String bootstrap = kafka.bootstrapServers();
      CaughtUp.await(
          "the notifier consumed every alert",
          Duration.ofMinutes(1),
          bootstrap,
          dev.wirewatch.notify.Notifier.GROUP,
          java.util.List.of(Topics.ALERTS),
          java.util.List.of(Topics.ALERTS));
      assertThat(new HashSet<>(delivered)).as("distinct alerts delivered").hasSize((int) alerts);
      assertThat(delivered).as("deliveries, counting repeats").hasSize((int) alerts);
      // news.articles as the indexer reads it: every article once, none written twice
      java.util.List<String> keys =
          CommittedRecords.read(bootstrap, Topics.ARTICLES).stream()
              .map(org.apache.kafka.clients.consumer.ConsumerRecord::key)
              .toList();
      assertThat(new HashSet<>(keys)).as("distinct articles on news.articles").hasSize(3 * BATCH);
      assertThat(keys).as("news.articles records, counting repeats").hasSize(3 * BATCH);
    } finally {
      kafka.close();
      receiver.stop(0);
    }

    try (IndexReader reader =
        dev.wirewatch.indexer.store.ShardedIndex.openReader(data.resolve("index"))) {
      IndexSearcher searcher = new IndexSearcher(reader);
      IndexStats stats = new ArticleSearcher().stats(searcher);
      assertThat(stats.articles()).isEqualTo(3 * BATCH);
      assertThat(stats.deadLetters()).isZero();
      Set<String> missing = new HashSet<>();
      for (String prefix : new String[] {"a", "b", "c"}) {
        for (int i = 0; i < BATCH; i++) {
          String id = ArticleIds.ofSourceKey("wire", prefix + i);
          int n = searcher.count(new TermQuery(new Term(IndexFields.ID, id)));
          if (n != 1) {
            missing.add(prefix + i + "×" + n);
          }
        }
      }
      assertThat(missing).as("articles not exactly once").isEmpty();
    }
  }

  private static long countCommitted(String bootstrap, String topic) {
    return CommittedRecords.read(bootstrap, topic).size();
  }
}
