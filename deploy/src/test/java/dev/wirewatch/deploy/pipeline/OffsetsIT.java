package dev.wirewatch.deploy.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wirewatch.testlib.TestBroker;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ends {@link Pipeline#awaitDrained} waits on: none while a transaction is open on the topic
 * (its records are written, its markers are not), the read-committed ends once it is decided.
 */
class OffsetsIT {
  @TempDir Path dir;

  @Test
  void endsAreSettledOnlyWhenNoTransactionIsOpen() throws Exception {
    try (TestBroker kafka = TestBroker.start(dir);
        Admin admin =
            Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic("t", 1, (short) 1))).all().get();
      Map<String, Integer> topic = Map.of("t", 1);
      assertThat(Offsets.settledEnds(admin, topic))
          .contains(Map.of(new TopicPartition("t", 0), 0L));
      try (KafkaProducer<String, String> producer =
          new KafkaProducer<>(
              Map.of(
                  ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                  kafka.bootstrapServers(),
                  ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                  "offsets-it"),
              new StringSerializer(),
              new StringSerializer())) {
        producer.initTransactions();
        producer.beginTransaction();
        for (int i = 0; i < 3; i++) {
          producer.send(new ProducerRecord<>("t", "k" + i, "v" + i));
        }
        producer.flush();
        // written, not decided: a read-committed reader does not see them yet
        assertThat(Offsets.settledEnds(admin, topic)).isEmpty();
        producer.commitTransaction();
      }
      // three records and the commit marker
      Optional<Map<TopicPartition, Long>> settled = Optional.empty();
      for (int attempt = 0; attempt < 50 && settled.isEmpty(); attempt++) {
        settled = Offsets.settledEnds(admin, topic);
        if (settled.isEmpty()) {
          Thread.sleep(100);
        }
      }
      assertThat(settled).contains(Map.of(new TopicPartition("t", 0), 4L));
    }
  }
}
