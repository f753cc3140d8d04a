package dev.wirewatch.testlib;

import dev.wirewatch.broker.EmbeddedKafka;
import dev.wirewatch.schemas.TopicAdmin;
import dev.wirewatch.schemas.Topics;
import java.nio.file.Path;

/**
 * A real single-node Kafka broker inside the test's JVM (the product's embedded KRaft broker), on
 * loopback, with its data in the test's directory. Start one per test class or test; close it
 * after. Stopping it and starting another on the same directory and port is a broker restart.
 */
public final class TestBroker implements AutoCloseable {
  private final EmbeddedKafka kafka;
  private final Path dir;

  private TestBroker(EmbeddedKafka kafka, Path dir) {
    this.kafka = kafka;
    this.dir = dir;
  }

  /** A broker on any free port, its data in {@code dir}. */
  public static TestBroker start(Path dir) {
    return start(dir, 0);
  }

  /** A broker on {@code port} (0: any free port), its data in {@code dir}. */
  public static TestBroker start(Path dir, int port) {
    return new TestBroker(EmbeddedKafka.start(dir, port), dir);
  }

  /** The address clients connect to. */
  public String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  /** The port it listens on (to restart on the same one). */
  public int port() {
    String b = kafka.bootstrapServers();
    return Integer.parseInt(b.substring(b.lastIndexOf(':') + 1));
  }

  /** Where its data lives (to restart on the same data). */
  public Path dir() {
    return dir;
  }

  /** Creates Wirewatch's topics (replication 1) unless they exist. */
  public TestBroker withTopics(Topics topics) {
    TopicAdmin.ensureTopics(bootstrapServers(), topics, (short) 1);
    return this;
  }

  @Override
  public void close() {
    kafka.close();
  }
}
