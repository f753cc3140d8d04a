package dev.wirewatch.processor.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wirewatch.schemas.Alert;
import java.nio.charset.StandardCharsets;

/** The JSON body a webhook receives for an alert: the Alert record's fields, times in ISO 8601. */
public final class AlertJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AlertJson() {}

  public static byte[] of(Alert a) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", a.getId());
    n.put("watchId", a.getWatchId());
    n.put("kind", a.getKind());
    n.put("storyId", a.getStoryId());
    n.put("articleId", a.getArticleId());
    n.put("title", a.getTitle());
    n.put("url", a.getUrl());
    a.getTopics().forEach(n.putArray("topics")::add);
    if (a.getTopics().isEmpty()) {
      n.putArray("topics");
    }
    n.put("burstSubject", a.getBurstSubject());
    n.put("detail", a.getDetail());
    n.put("matchedAt", a.getMatchedAt().toString());
    try {
      return JSON.writeValueAsString(n).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write alert JSON", e);
    }
  }
}
