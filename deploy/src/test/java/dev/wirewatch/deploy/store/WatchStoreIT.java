package dev.wirewatch.deploy.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wirewatch.deploy.config.WatchesFile;
import dev.wirewatch.indexer.web.watches.WatchRegistry;
import dev.wirewatch.processor.alert.WatchDefinition;
import dev.wirewatch.processor.alert.Watches;
import dev.wirewatch.schemas.TopicAdmin;
import dev.wirewatch.schemas.Topics;
import dev.wirewatch.testlib.Eventually;
import dev.wirewatch.testlib.TestBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * news.watches as the store of the watches in force: seeded once from the file, changed by one
 * instance and seen by another within seconds, kept across a reopen, a bad record skipped.
 */
class WatchStoreIT {
  private static final Watches FILE =
      WatchesFile.parse(
          """
          targets: [{id: log, type: log}]
          watches:
            - {id: kenya-haiti, query: 'kenya AND haiti', deliver: [log]}
            - {id: zanzibar, query: zanzibar, alerts: [new-story], deliver: [log]}
          """,
          "watches.yaml",
          name -> null);

  private static java.util.List<String> ids(Watches w) {
    return w.all().stream().map(WatchDefinition::id).toList();
  }

  @Test
  void aChangeByOneIsInForceInEveryOneAndSurvivesAReopen(@TempDir Path dir) throws Exception {
    try (TestBroker kafka = TestBroker.start(dir)) {
      Topics topics = Topics.defaults();
      TopicAdmin.ensureTopics(kafka.bootstrapServers(), topics, (short) 1);
      try (WatchStore api = WatchStore.open(kafka.bootstrapServers(), topics.watches(), FILE);
          WatchStore processor =
              WatchStore.open(kafka.bootstrapServers(), topics.watches(), Watches.NONE)) {
        // seeded once, by the first; the second found the topic seeded and read it
        assertThat(ids(api.get())).containsExactly("kenya-haiti", "zanzibar");
        assertThat(ids(processor.get())).isEmpty(); // no targets of its own: none in force
      }
      try (WatchStore api = WatchStore.open(kafka.bootstrapServers(), topics.watches(), FILE);
          WatchStore processor =
              WatchStore.open(kafka.bootstrapServers(), topics.watches(), FILE)) {
        api.put("pemba", "{\"query\": \"pemba\", \"deliver\": [\"log\"]}");
        assertThat(ids(api.get())).contains("pemba"); // in force here as put returns
        Eventually.until(
            "the other instance has it",
            Duration.ofSeconds(10),
            () -> processor.get().get("pemba") != null);
        assertThat(processor.get().get("pemba").queryText()).isEqualTo("pemba");
        assertThat(api.delete("zanzibar")).isTrue();
        assertThat(api.delete("nothing")).isFalse();
        Eventually.until(
            "the other instance dropped it",
            Duration.ofSeconds(10),
            () -> processor.get().get("zanzibar") == null);

        assertThatThrownBy(() -> api.put("bad", "{\"query\": \"x\", \"deliver\": [\"nope\"]}"))
            .isInstanceOf(WatchRegistry.InvalidWatch.class)
            .hasMessageContaining("deliver[0]")
            .hasMessageContaining("nope");
        assertThatThrownBy(() -> api.put("bad", "{\"query\": \"kenya AND (\"}"))
            .isInstanceOf(WatchRegistry.InvalidWatch.class)
            .hasMessageContaining("query");
        assertThatThrownBy(() -> api.put("bad", "{\"query\": \"x\", \"colour\": \"red\"}"))
            .hasMessageContaining("colour");
        assertThatThrownBy(() -> api.put("bad", "{\"id\": \"other\", \"query\": \"x\"}"))
            .hasMessageContaining("id");
        assertThatThrownBy(() -> api.put("bad", "not json {"))
            .isInstanceOf(WatchRegistry.InvalidWatch.class);
      }
      // A record no instance can read: skipped, the rest in force
      try (KafkaProducer<String, String> p =
          new KafkaProducer<>(
              Map.of("bootstrap.servers", kafka.bootstrapServers()),
              new StringSerializer(),
              new StringSerializer())) {
        p.send(new ProducerRecord<>(topics.watches().name(), "broken", "{\"query\": ")).get();
      }
      // Reopened: what the API changed is what is in force; the file does not seed again
      try (WatchStore again = WatchStore.open(kafka.bootstrapServers(), topics.watches(), FILE)) {
        assertThat(ids(again.get())).containsExactlyInAnyOrder("kenya-haiti", "pemba");
      }
    }
  }
}
