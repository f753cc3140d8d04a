package dev.wirewatch.indexer.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wirewatch.indexer.search.SearchHit;
import io.javalin.http.Context;
import java.util.List;

/** How every handler answers: JSON bodies, one-line errors, and the shared parameter readers. */
public final class Responses {
  /** The one mapper of the web layer (thread-safe once configured). */
  public static final ObjectMapper JSON = new ObjectMapper();

  private Responses() {}

  /** Answers with the object as JSON. */
  public static void json(Context ctx, ObjectNode body) throws JsonProcessingException {
    ctx.contentType("application/json; charset=utf-8").result(JSON.writeValueAsString(body));
  }

  /** Answers {@code status} with {@code {"error": message}}. */
  public static void error(Context ctx, int status, String message) {
    ObjectNode o = JSON.createObjectNode();
    o.put("error", message);
    try {
      ctx.status(status)
          .contentType("application/json; charset=utf-8")
          .result(JSON.writeValueAsString(o));
    } catch (JsonProcessingException e) {
      ctx.status(status).result("{\"error\":\"internal error\"}");
    }
  }

  /** An article's fields as every listing shows them (no text). */
  public static ObjectNode summary(SearchHit h) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", h.id());
    o.put("title", h.title());
    o.put("url", h.url());
    o.put("source", h.source());
    o.put("publishedAt", h.publishedAt() == null ? null : h.publishedAt().toString());
    h.topics().forEach(o.putArray("topics")::add);
    o.withArray("topics");
    h.places().forEach(o.putArray("places")::add);
    o.withArray("places");
    o.put("storyId", h.storyId());
    o.put("copyOf", h.copyOf());
    return o;
  }

  /** The non-blank values of a repeated query parameter, stripped. */
  public static List<String> values(Context ctx, String name) {
    return ctx.queryParams(name).stream().filter(v -> !v.isBlank()).map(String::strip).toList();
  }

  /** A whole-number query parameter, or {@code dflt} when absent. */
  public static int integer(Context ctx, String name, int dflt) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    try {
      return Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      throw new BadRequest(name + " must be a whole number, got '" + clip(v) + "'");
    }
  }

  /** A value cut short for an error message. */
  public static String clip(String v) {
    return v.length() > 80 ? v.substring(0, 80) + "…" : v;
  }
}
