package dev.wirewatch.processor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.wirewatch.processor.alert.DeliveryTarget;
import dev.wirewatch.processor.alert.WatchDefinition;
import dev.wirewatch.processor.alert.Watches;
import dev.wirewatch.processor.alert.burst.BurstRules;
import dev.wirewatch.processor.tag.ArticleTagger;
import dev.wirewatch.processor.tag.TopicDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The topics and watches shipped in {@code config/} at the top of the repository, for the
 * processor's tests: read with a plain YAML tree into the processor's validated records (the
 * product reads them at the edge, in deploy's {@code config} package, with its error messages).
 */
public final class ShippedConfig {
  private static final YAMLMapper YAML = new YAMLMapper();

  private ShippedConfig() {}

  /** The shipped topics. */
  public static List<TopicDefinition> topics() {
    return topics(read("topics.yaml"));
  }

  /** Topics from YAML text in the topics file's format. */
  public static List<TopicDefinition> topics(String yaml) {
    try {
      return topics(YAML.readTree(yaml));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The shipped topics with the bundled gazetteer. */
  public static ArticleTagger tagger() {
    return ArticleTagger.of(topics());
  }

  /** The shipped watches (every target a log). */
  public static Watches watches() {
    JsonNode root = read("watches.yaml");
    List<DeliveryTarget> targets = new ArrayList<>();
    root.path("targets")
        .forEach(t -> targets.add(DeliveryTarget.of(t.get("id").asText(), "log", null, null, "")));
    List<WatchDefinition> watches = new ArrayList<>();
    for (JsonNode w : root.path("watches")) {
      watches.add(
          WatchDefinition.of(
              w.get("id").asText(),
              w.get("query").asText(),
              strings(w.path("topics")),
              strings(w.path("places")),
              strings(w.path("languages")),
              strings(w.path("alerts")),
              List.copyOf(strings(w.path("deliver")))));
    }
    return Watches.of(watches, targets, BurstRules.DEFAULT);
  }

  private static List<TopicDefinition> topics(JsonNode root) {
    List<TopicDefinition> out = new ArrayList<>();
    for (JsonNode t : root.path("topics")) {
      out.add(
          TopicDefinition.of(
              t.get("id").asText(),
              t.get("label").asText(),
              t.get("query").asText(),
              queries(t.path("queries")),
              t.has("minScore") ? t.get("minScore").asDouble() : null));
    }
    return out;
  }

  private static Map<String, String> queries(JsonNode byLanguage) {
    Map<String, String> out = new LinkedHashMap<>();
    byLanguage.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  private static Set<String> strings(JsonNode list) {
    Set<String> out = new LinkedHashSet<>();
    list.forEach(v -> out.add(v.asText()));
    return out;
  }

  private static JsonNode read(String name) {
    try {
      return YAML.readTree(Path.of("..", "config", name).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("config/" + name + " ships with Wirewatch", e);
    }
  }
}
