package dev.wirewatch.deploy.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wirewatch.indexer.web.sources.SourceRegistry;
import dev.wirewatch.ingest.source.SourceConfig;
import dev.wirewatch.schemas.TopicAdmin;
import dev.wirewatch.schemas.Topics;
import dev.wirewatch.testlib.Eventually;
import dev.wirewatch.testlib.TestBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sources added through the API: polled beside the file's (which stay read-only), kept across a
 * reopen, and on a private network only where the server allows it (the SSRF rule).
 */
class SourceStoreIT {
  private static final List<SourceConfig> FILE =
      List.of(SourceConfig.ofFeedUrl("https://news.example/feed.xml", false));

  private static List<String> ids(SourceStore s) {
    return s.get().stream().map(SourceConfig::id).toList();
  }

  @Test
  void addedSourcesArePolledKeptAndCheckedLikeTheFilesOnes(@TempDir Path dir) throws Exception {
    String fileId = FILE.get(0).id();
    try (TestBroker kafka = TestBroker.start(dir)) {
      Topics topics = Topics.defaults();
      TopicAdmin.ensureTopics(kafka.bootstrapServers(), topics, (short) 1);
      try (SourceStore strict =
              SourceStore.open(kafka.bootstrapServers(), topics.sources(), FILE, false);
          SourceStore other =
              SourceStore.open(kafka.bootstrapServers(), topics.sources(), FILE, true)) {
        assertThat(ids(strict)).containsExactly(fileId);
        strict.put(
            "relief", "{\"url\": \"https://relief.example/rss\", \"pollInterval\": \"10m\"}");
        assertThat(ids(strict)).containsExactly(fileId, "relief");
        Eventually.until(
            "the other instance polls it too",
            Duration.ofSeconds(10),
            () -> ids(other).contains("relief"));

        assertThatThrownBy(
                () ->
                    strict.put(
                        "local",
                        "{\"url\": \"http://127.0.0.1:8000/feed\", \"allowPrivateNetwork\": true}"))
            .isInstanceOf(SourceRegistry.InvalidSource.class)
            .hasMessageContaining("allowPrivateNetwork")
            .hasMessageContaining("--allow-private-network");
        assertThatThrownBy(
                () ->
                    strict.put(
                        "fast", "{\"url\": \"https://a.example/\", \"pollInterval\": \"1s\"}"))
            .hasMessageContaining("pollInterval");
        assertThatThrownBy(() -> strict.put(fileId, "{\"url\": \"https://b.example/\"}"))
            .isInstanceOf(SourceRegistry.ReadOnlySource.class);
        assertThatThrownBy(() -> strict.delete(fileId))
            .isInstanceOf(SourceRegistry.ReadOnlySource.class);
        assertThat(strict.delete("nothing")).isFalse();
      }
      try (SourceStore again =
          SourceStore.open(kafka.bootstrapServers(), topics.sources(), FILE, false)) {
        assertThat(ids(again)).containsExactly(fileId, "relief");
        assertThat(again.delete("relief")).isTrue();
        assertThat(ids(again)).containsExactly(fileId);
      }
    }
  }
}
