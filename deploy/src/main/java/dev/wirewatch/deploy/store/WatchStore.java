package dev.wirewatch.deploy.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wirewatch.deploy.config.ConfigFileException;
import dev.wirewatch.deploy.config.WatchesFile;
import dev.wirewatch.indexer.web.watches.WatchRegistry;
import dev.wirewatch.processor.alert.WatchDefinition;
import dev.wirewatch.processor.alert.Watches;
import dev.wirewatch.schemas.TopicSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watches in force, kept in {@code news.watches} (compacted, keyed by watch id, the watch as
 * JSON; a tombstone deletes it) so that every process that follows the topic — each processor, the
 * notifier, each server — sees a change within seconds, and a restart keeps it.
 *
 * <p>The watches file is the <em>seed</em>: when the topic is empty at start, its watches are
 * written there; from then on the topic is what is in force, and the file gives the delivery
 * targets (whose secrets come from the environment, never through the API) and the burst rules. A
 * watch in the topic that names a target the file no longer has is left out, with a warning; a
 * record that cannot be read is skipped, with a warning.
 */
public final class WatchStore implements WatchRegistry, Supplier<Watches>, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WatchStore.class);

  private final Watches file;
  private volatile Watches current;
  private JsonTopicStore<WatchDefinition> topic;

  private WatchStore(Watches file) {
    this.file = file;
    this.current = new Watches(List.of(), file.targets(), file.burst());
  }

  /**
   * Opens the store: seeds the topic from the file when it is empty, reads it to its end (so what
   * {@link #get} returns is what is in force), then follows it.
   *
   * @param file the watches file: targets, burst rules, and the seed
   */
  public static WatchStore open(
      String bootstrapServers, TopicSpec<String, String> topic, Watches file) {
    WatchStore store = new WatchStore(file);
    Map<String, String> seed = new LinkedHashMap<>();
    file.all().forEach(w -> seed.put(w.id(), WatchesFile.json(w).toString()));
    store.topic =
        JsonTopicStore.open(
            bootstrapServers,
            topic,
            WatchesFile::watch,
            seed,
            read -> store.current = store.inForce(read.values()));
    return store;
  }

  /** The watches whose targets the file has. */
  private Watches inForce(Collection<WatchDefinition> watches) {
    List<WatchDefinition> ok = new ArrayList<>();
    for (WatchDefinition w : watches) {
      List<String> missing =
          w.deliver().stream().filter(t -> !file.targets().containsKey(t)).toList();
      if (missing.isEmpty()) {
        ok.add(w);
      } else {
        LOG.warn("watch {} names targets the watches file lacks {}: not in force", w.id(), missing);
      }
    }
    ok.sort(Comparator.comparing(WatchDefinition::id));
    return new Watches(ok, file.targets(), file.burst());
  }

  @Override
  public Watches get() {
    return current;
  }

  @Override
  public List<ObjectNode> list() {
    return current.all().stream().map(WatchesFile::json).toList();
  }

  @Override
  public ObjectNode put(String id, String body) {
    WatchDefinition w;
    try {
      w = WatchesFile.watch(id, body, "watch '" + id + "'");
    } catch (ConfigFileException e) {
      throw new InvalidWatch(e.getMessage());
    }
    for (int d = 0; d < w.deliver().size(); d++) {
      if (!file.targets().containsKey(w.deliver().get(d))) {
        throw new InvalidWatch(
            "watch '"
                + id
                + "': deliver["
                + d
                + "]: no target '"
                + w.deliver().get(d)
                + "' (targets of the watches file: "
                + file.targets().keySet()
                + ")");
      }
    }
    ObjectNode json = WatchesFile.json(w);
    topic.write(id, json.toString());
    return json;
  }

  @Override
  public boolean delete(String id) {
    if (current.get(id) == null) {
      return false;
    }
    topic.write(id, null);
    return true;
  }

  @Override
  public void close() {
    if (topic != null) {
      topic.close();
    }
  }
}
