package dev.wirewatch.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertJsonTest {
  @Test
  void everyFieldIsWrittenAndTextStaysText() throws Exception {
    Alert a =
        Alert.newBuilder()
            .setId("a1")
            .setWatchId("kenya-haiti")
            .setKind("new-story")
            .setStoryId("s1")
            .setArticleId("x1")
            .setTitle("Police \"arrive\" <b>today</b>")
            .setUrl(null)
            .setTopics(List.of("haiti", "kenya"))
            .setMatchedAt(Instant.parse("2026-11-28T09:00:00Z"))
            .build();
    JsonNode n = new ObjectMapper().readTree(AlertJson.of(a));
    assertThat(n.path("id").asText()).isEqualTo("a1");
    assertThat(n.path("title").asText()).isEqualTo("Police \"arrive\" <b>today</b>");
    assertThat(n.path("url").isNull()).isTrue();
    assertThat(n.path("topics").toString()).isEqualTo("[\"haiti\",\"kenya\"]");
    assertThat(n.path("matchedAt").asText()).isEqualTo("2026-11-28T09:00:00Z");
    assertThat(AlertJson.string(a))
        .isEqualTo(new String(AlertJson.of(a), java.nio.charset.StandardCharsets.UTF_8));
    Alert none = Alert.newBuilder(a).setTopics(List.of()).build();
    assertThat(new ObjectMapper().readTree(AlertJson.of(none)).path("topics").isArray()).isTrue();
  }
}
