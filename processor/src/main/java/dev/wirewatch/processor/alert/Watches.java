package dev.wirewatch.processor.alert;

import dev.wirewatch.processor.alert.burst.BurstRules;
import dev.wirewatch.processor.tag.TopicDefinition;
import dev.wirewatch.processor.tag.TopicTagger;
import dev.wirewatch.schemas.InvalidSettingException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The watches in force, their delivery targets and burst rules. Matching reuses the topic tagger: a
 * watch's query runs on the same memory index, with the same pre-filter. Immutable.
 */
public final class Watches {
  public static final Watches NONE = new Watches(List.of(), Map.of(), BurstRules.DEFAULT);

  private final List<WatchDefinition> watches;
  private final Map<String, WatchDefinition> byId = new LinkedHashMap<>();
  private final Map<String, DeliveryTarget> targets;
  private final BurstRules burst;
  private final TopicTagger matcher;

  public Watches(
      List<WatchDefinition> watches, Map<String, DeliveryTarget> targets, BurstRules burst) {
    this.watches = List.copyOf(watches);
    this.targets = Map.copyOf(targets);
    this.burst = burst;
    List<TopicDefinition> asTopics = new ArrayList<>();
    for (WatchDefinition w : this.watches) {
      byId.put(w.id(), w);
      asTopics.add(TopicDefinition.of(w.id(), w.id(), w.queryText(), Map.of(), 0.0));
    }
    this.matcher = new TopicTagger(asTopics);
  }

  /**
   * Watches as a file lists them, checked across records: target and watch ids distinct, every
   * delivery naming a target. Problems are {@link InvalidSettingException}s whose key is a path
   * from the file's root ({@code watches[1].deliver[0]}).
   */
  public static Watches of(
      List<WatchDefinition> watches, List<DeliveryTarget> targets, BurstRules burst) {
    Map<String, DeliveryTarget> byId = new LinkedHashMap<>();
    for (int i = 0; i < targets.size(); i++) {
      DeliveryTarget t = targets.get(i);
      if (byId.put(t.id(), t) != null) {
        throw new InvalidSettingException(
            "targets[" + i + "].id", "duplicate target id '" + t.id() + "'");
      }
    }
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < watches.size(); i++) {
      WatchDefinition w = watches.get(i);
      if (!ids.add(w.id())) {
        throw new InvalidSettingException(
            "watches[" + i + "].id", "duplicate watch id '" + w.id() + "'");
      }
      for (int d = 0; d < w.deliver().size(); d++) {
        if (!byId.containsKey(w.deliver().get(d))) {
          throw new InvalidSettingException(
              "watches[" + i + "].deliver[" + d + "]",
              "no target '" + w.deliver().get(d) + "' (targets: " + byId.keySet() + ")");
        }
      }
    }
    return new Watches(watches, byId, burst);
  }

  /** The watches an article matches: query and filters. */
  public List<WatchDefinition> match(
      String title, String text, List<String> topics, List<String> places, String language) {
    if (watches.isEmpty()) {
      return List.of();
    }
    List<WatchDefinition> out = new ArrayList<>();
    for (String id : matcher.tag(title, text, places, language)) {
      WatchDefinition w = byId.get(id);
      if (w.accepts(topics, places, language)) {
        out.add(w);
      }
    }
    return out;
  }

  public List<WatchDefinition> all() {
    return watches;
  }

  public WatchDefinition get(String id) {
    return byId.get(id);
  }

  public DeliveryTarget target(String id) {
    return targets.get(id);
  }

  public Map<String, DeliveryTarget> targets() {
    return targets;
  }

  public BurstRules burst() {
    return burst;
  }
}
