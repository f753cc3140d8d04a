package dev.wirewatch.deploy.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.wirewatch.deploy.config.WatchesFile;
import dev.wirewatch.notify.Notifier;
import dev.wirewatch.notify.webhook.WebhookSender;
import dev.wirewatch.processor.alert.Watches;
import dev.wirewatch.schemas.TopicAdmin;
import dev.wirewatch.schemas.Topics;
import dev.wirewatch.testlib.CaughtUp;
import dev.wirewatch.testlib.Eventually;
import dev.wirewatch.testlib.TestBroker;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notifier's group refuses its commit: it was out of the group while it delivered (here a batch
 * outlasting {@code max.poll.interval.ms}; in production a partition longer than the session
 * timeout, as in {@link BrokerOutageIT}). The notifier must go on — it once stopped for good on the
 * {@code CommitFailedException} — and, getting its partition back, resume after the alerts it had
 * already delivered rather than send them again.
 */
class NotifierRebalanceIT {
  private static final int ALERTS = 40;

  @TempDir Path brokerDir;

  @Test
  void aRefusedCommitNeitherStopsTheNotifierNorRepeatsItsBatch() throws Exception {
    List<String> keys = new CopyOnWriteArrayList<>();
    AtomicBoolean first = new AtomicBoolean(true);
    HttpServer receiver =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext(
        "/hook",
        ex -> {
          ex.getRequestBody().readAllBytes();
          if (first.getAndSet(false)) {
            try {
              Thread.sleep(6_000); // longer than the notifier's max.poll.interval.ms below
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          keys.add(ex.getRequestHeaders().getFirst("Idempotency-Key"));
          ex.sendResponseHeaders(200, -1);
          ex.close();
        });
    receiver.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
    receiver.start();
    Watches watches =
        WatchesFile.parse(
            """
        targets:
          - {id: receiver, type: webhook, url: 'http://127.0.0.1:%d/hook', secretEnv: HOOK_SECRET}
        watches:
          - {id: desk, query: 'report', alerts: [new-story], deliver: [receiver]}
        """
                .formatted(receiver.getAddress().getPort()),
            "test",
            name -> "rebalance-secret");
    Topics topics = Topics.defaults();
    try (TestBroker kafka = TestBroker.start(brokerDir, 0)) {
      TopicAdmin.ensureTopics(kafka.bootstrapServers(), topics, (short) 1);
      TestAlerts.publish(kafka.bootstrapServers(), topics, ALERTS);
      Notifier notifier =
          new Notifier(
              kafka.bootstrapServers(),
              topics,
              () -> watches,
              WebhookSender.defaults(),
              Map.of(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 3_000));
      notifier.start();
      try {
        Eventually.until(
            "every alert delivered",
            Duration.ofMinutes(1),
            () -> {
              assertThat(notifier.failure()).as("the notifier stopped").isNull();
              return new HashSet<>(keys).size() == ALERTS;
            });
        // The end condition: the group committed the end of news.alerts
        CaughtUp.await(
            "the notifier consumed every alert",
            Duration.ofMinutes(1),
            kafka.bootstrapServers(),
            Notifier.GROUP,
            List.of(Topics.ALERTS),
            List.of(Topics.ALERTS));
        assertThat(notifier.refusedCommits()).as("commits the group refused").isPositive();
        assertThat(notifier.failure()).as("the notifier is still running").isNull();
        assertThat(keys).as("deliveries, counting repeats").hasSize(ALERTS);
      } finally {
        notifier.close();
        receiver.stop(0);
      }
    }
  }
}
