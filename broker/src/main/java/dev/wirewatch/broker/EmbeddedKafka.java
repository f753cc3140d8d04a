package dev.wirewatch.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Apache Kafka broker (KRaft, broker and controller in one) inside this JVM,
 * with its data under a directory of ours, so a restart finds every topic and offset again.
 *
 * <p>This is the only class that touches Kafka's server internals ({@code KafkaRaftServer}, {@code
 * StorageTool}); they are not a public API and may change with any Kafka release. Replication
 * factors and minimum ISRs of internal topics are 1: with the defaults (3) a transactional Kafka
 * Streams application waits forever on a one-broker cluster.
 */
public final class EmbeddedKafka implements AutoCloseable {
  /** Where the broker listens unless told otherwise. */
  public static final String LOOPBACK = "127.0.0.1";

  private final KafkaRaftServer server;
  private final String bootstrapServers;
  private final Path logDir;

  private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers, Path logDir) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
    this.logDir = logDir;
  }

  /**
   * Starts a broker whose data lives in {@code dataDir}, formatting the storage on first use, and
   * waits until it answers.
   *
   * @param port the client port; 0 picks a free one
   * @throws IllegalStateException if the storage cannot be formatted or the broker does not come up
   */
  public static EmbeddedKafka start(Path dataDir, int port) {
    return start(dataDir, LOOPBACK, port);
  }

  /**
   * Whether {@code host} can name the client listener: a host name or an IPv4 address, without a
   * port, a space or anything else a listener string would read as syntax.
   */
  public static boolean isListenerHost(String host) {
    return host != null && host.matches("[A-Za-z0-9._-]+");
  }

  /**
   * Starts a broker whose client listener is on {@code host} (an address of this machine, or of the
   * network namespace it runs in), advertised under the same address; the controller listener stays
   * on the loopback address. The broker has no authentication: listen only where every peer is
   * trusted.
   *
   * @param host the address clients reach the broker on, e.g. {@code 127.0.0.1}
   * @param port the client port; 0 picks a free one
   * @throws IllegalArgumentException if {@code host} is blank or holds a port or a space
   */
  public static EmbeddedKafka start(Path dataDir, String host, int port) {
    if (!isListenerHost(host)) {
      throw new IllegalArgumentException(
          "broker host must be a host name or an IPv4 address without a port, got '" + host + "'");
    }
    try {
      Path logDir = dataDir.toAbsolutePath().resolve("logs");
      Files.createDirectories(logDir);
      int brokerPort = port == 0 ? freePort() : port;
      // The OS may hand the same free port out twice in a row: the two listeners need two.
      int controllerPort = freePort();
      while (controllerPort == brokerPort) {
        controllerPort = freePort();
      }
      Properties props = properties(logDir, host, brokerPort, controllerPort);
      if (!Files.exists(logDir.resolve("meta.properties"))) {
        format(dataDir, props);
      }
      KafkaRaftServer server =
          new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
      server.startup();
      String bootstrap = host + ":" + brokerPort;
      EmbeddedKafka kafka = new EmbeddedKafka(server, bootstrap, logDir);
      kafka.awaitReady(Duration.ofSeconds(60));
      return kafka;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot start the embedded Kafka broker in " + dataDir + ": " + e.getMessage(), e);
    }
  }

  private static Properties properties(
      Path logDir, String host, int brokerPort, int controllerPort) {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@" + LOOPBACK + ":" + controllerPort);
    p.put(
        "listeners",
        "PLAINTEXT://"
            + host
            + ":"
            + brokerPort
            + ",CONTROLLER://"
            + LOOPBACK
            + ":"
            + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + brokerPort);
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("log.dirs", logDir.toString());
    for (Map.Entry<String, String> e : SINGLE_NODE.entrySet()) {
      p.put(e.getKey(), e.getValue());
    }
    return p;
  }

  /** Settings a one-broker cluster needs; see the class comment. */
  private static final Map<String, String> SINGLE_NODE =
      Map.ofEntries(
          Map.entry("offsets.topic.replication.factor", "1"),
          Map.entry("offsets.topic.num.partitions", "5"),
          Map.entry("transaction.state.log.replication.factor", "1"),
          Map.entry("transaction.state.log.min.isr", "1"),
          Map.entry("transaction.state.log.num.partitions", "5"),
          Map.entry("default.replication.factor", "1"),
          Map.entry("min.insync.replicas", "1"),
          Map.entry("share.coordinator.state.topic.replication.factor", "1"),
          Map.entry("share.coordinator.state.topic.min.isr", "1"),
          Map.entry("group.initial.rebalance.delay.ms", "0"),
          Map.entry("num.partitions", "1"),
          Map.entry("auto.create.topics.enable", "false"),
          Map.entry("message.max.bytes", Integer.toString(16 * 1024 * 1024 + 1024)),
          Map.entry("log.flush.interval.messages", Long.toString(Long.MAX_VALUE)));

  private static void format(Path dataDir, Properties props) throws IOException {
    Path cfg = dataDir.toAbsolutePath().resolve("server.properties");
    try (OutputStream out = Files.newOutputStream(cfg)) {
      props.store(out, "Wirewatch embedded broker (ports change on every start)");
    }
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    int rc;
    try (PrintStream ps = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      rc =
          StorageTool.execute(
              new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", cfg.toString()},
              ps);
    }
    if (rc != 0) {
      throw new IllegalStateException(
          "cannot format Kafka storage in "
              + dataDir
              + ": "
              + captured.toString(StandardCharsets.UTF_8).strip());
    }
  }

  private void awaitReady(Duration timeout) {
    Map<String, Object> cfg =
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
    long deadline = System.nanoTime() + timeout.toNanos();
    Exception last = null;
    try (Admin admin = Admin.create(cfg)) {
      while (System.nanoTime() < deadline) {
        try {
          if (!admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).isEmpty()) {
            return;
          }
        } catch (Exception e) {
          last = e;
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for the embedded broker", e);
        }
      }
    }
    close();
    throw new IllegalStateException(
        "the embedded Kafka broker did not come up within "
            + timeout.toSeconds()
            + " s"
            + (last == null ? "" : ": " + last.getMessage()));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  /** {@code host:port} for clients. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** Where the broker keeps its logs. */
  public Path logDir() {
    return logDir;
  }

  /** Stops the broker and waits until it has stopped. */
  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
  }
}
