package dev.wirewatch.deploy.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.wirewatch.notify.Notifier;
import dev.wirewatch.schemas.TopicAdmin;
import dev.wirewatch.schemas.Topics;
import dev.wirewatch.testlib.CaughtUp;
import dev.wirewatch.testlib.Eventually;
import dev.wirewatch.testlib.KillPoints;
import dev.wirewatch.testlib.TestBroker;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault: the notify service ({@code wirewatch notify}, a JVM of its own) killed with SIGKILL while
 * it delivers, twice at points drawn from a printed seed, then started again. Delivery is at least
 * once — the notifier commits its position on news.alerts after a batch is delivered, so a kill
 * mid-batch delivers part of it again — and every delivery carries the alert's id as its {@code
 * Idempotency-Key}, so a receiver that drops repeated keys gets each alert exactly once. Both are
 * checked, after the positive end condition (the notifier's group consumed news.alerts to the end).
 */
class NotifierKillIT {
  private static final int ALERTS = 200;
  private static final int KILLS = 2;

  @TempDir Path brokerDir;
  @TempDir Path work;
  private TestBroker kafka;
  private HttpServer receiver;
  private final List<Process> children = new ArrayList<>();

  /** What the receiver got: the Idempotency-Key header and the delivered alert's id. */
  record Delivery(String idempotencyKey, String alertId) {}

  private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    kafka = TestBroker.start(brokerDir, 0);
    ObjectMapper json = new ObjectMapper();
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          try {
            Thread.sleep(10); // a slow receiver: a batch takes long enough to be killed in
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          deliveries.add(
              new Delivery(
                  exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                  json.readTree(body).path("id").asText()));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    receiver.start();
  }

  @AfterEach
  void stop() throws Exception {
    for (Process p : children) {
      p.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
    }
    receiver.stop(0);
    kafka.close();
  }

  @Test
  void killedMidDeliveryEveryAlertArrivesAndRepeatsCarryTheSameKey() throws Exception {
    Topics topics = Topics.defaults();
    TopicAdmin.ensureTopics(kafka.bootstrapServers(), topics, (short) 1);
    Set<String> ids = new HashSet<>(TestAlerts.publish(kafka.bootstrapServers(), topics, ALERTS));
    Path watches = work.resolve("watches.yaml");
    Files.writeString(
        watches,
        """
        targets:
          - {id: receiver, type: webhook, url: 'http://127.0.0.1:%d/hook', secret: test-secret}
        watches:
          - {id: desk, query: 'report', alerts: [new-story], deliver: [receiver]}
        """
            .formatted(receiver.getAddress().getPort()));

    for (int point : KillPoints.of(getClass().getSimpleName(), KILLS, ALERTS)) {
      Process doomed = startNotifier(watches, "killed-at-" + point);
      Eventually.until(
          point + " deliveries",
          Duration.ofMinutes(2),
          () -> {
            assertThat(doomed.isAlive()).as("the notifier is running").isTrue();
            return deliveries.size() >= point;
          });
      doomed.destroyForcibly();
      assertThat(doomed.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(doomed.exitValue()).as("killed by SIGKILL").isEqualTo(137);
    }
    assertThat(distinctAlerts()).as("killed before every alert was delivered").isLessThan(ALERTS);

    Process last = startNotifier(watches, "last");
    // The end condition: the group consumed news.alerts to its end (it commits after delivering)
    Eventually.until(
        "the notifier consumed every alert",
        Duration.ofMinutes(2),
        () -> {
          assertThat(last.isAlive()).as("the notifier is running").isTrue();
          return CaughtUp.of(
                  kafka.bootstrapServers(),
                  Notifier.GROUP,
                  List.of(Topics.ALERTS),
                  List.of(Topics.ALERTS))
              .done();
        });
    last.destroy();
    assertThat(last.waitFor(60, TimeUnit.SECONDS)).isTrue();

    // At least once: every alert reached the receiver
    assertThat(deliveries.stream().map(Delivery::alertId).collect(Collectors.toSet()))
        .as("alerts delivered")
        .isEqualTo(ids);
    // Every delivery, a repeat or not, carries its alert's id as the key
    assertThat(deliveries)
        .as("deliveries whose Idempotency-Key is not their alert's id")
        .filteredOn(d -> !d.alertId().equals(d.idempotencyKey()))
        .isEmpty();
    // so a receiver that drops repeated keys gets each alert exactly once
    assertThat(deliveries.stream().map(Delivery::idempotencyKey).distinct().count())
        .as("deliveries after dropping repeated keys")
        .isEqualTo(ALERTS);
    System.out.println(
        "NotifierKillIT: "
            + deliveries.size()
            + " deliveries of "
            + ALERTS
            + " alerts ("
            + (deliveries.size() - ALERTS)
            + " repeats after the kills)");
  }

  private long distinctAlerts() {
    return deliveries.stream().map(Delivery::alertId).distinct().count();
  }

  private Process startNotifier(Path watches, String name) throws IOException {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Process p =
        new ProcessBuilder(
                java,
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.wirewatch.deploy.cli.Main",
                "notify",
                "--bootstrap-servers",
                kafka.bootstrapServers(),
                "--data-dir",
                work.resolve("notify").toString(),
                "--watches",
                watches.toString(),
                "--admin-port",
                "-1",
                // A notifier killed with SIGKILL never leaves its group: the next one waits out
                // the dead member's session; the broker's least instead of 15 s keeps it short
                "--session-timeout-ms",
                "6000")
            .redirectErrorStream(true)
            .redirectOutput(Path.of("target", "notifier-kill-" + name + ".log").toFile())
            .start();
    children.add(p);
    return p;
  }
}
