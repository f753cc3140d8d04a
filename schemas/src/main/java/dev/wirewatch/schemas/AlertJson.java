package dev.wirewatch.schemas;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/**
 * An alert as JSON, the one form people and programs see it in: the body of a webhook call and the
 * data of the live stream. The Alert record's fields, times in ISO 8601.
 */
public final class AlertJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AlertJson() {}

  /** The JSON text of an alert. */
  public static String string(Alert a) {
    return new String(of(a), StandardCharsets.UTF_8);
  }

  /** The JSON of an alert, UTF-8 bytes. */
  public static byte[] of(Alert a) {
    try {
      return JSON.writeValueAsString(node(a)).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write alert JSON", e);
    }
  }

  /** The JSON of an alert, as a node to put in a larger document. */
  public static ObjectNode node(Alert a) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", a.getId());
    n.put("watchId", a.getWatchId());
    n.put("kind", a.getKind());
    n.put("storyId", a.getStoryId());
    n.put("articleId", a.getArticleId());
    n.put("title", a.getTitle());
    n.put("url", a.getUrl());
    com.fasterxml.jackson.databind.node.ArrayNode topics = n.putArray("topics");
    a.getTopics().forEach(topics::add);
    n.put("burstSubject", a.getBurstSubject());
    n.put("detail", a.getDetail());
    n.put("matchedAt", a.getMatchedAt().toString());
    return n;
  }
}
