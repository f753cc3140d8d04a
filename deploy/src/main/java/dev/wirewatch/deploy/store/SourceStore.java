package dev.wirewatch.deploy.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wirewatch.deploy.config.ConfigFileException;
import dev.wirewatch.deploy.config.SourcesFile;
import dev.wirewatch.indexer.web.sources.SourceRegistry;
import dev.wirewatch.ingest.source.SourceConfig;
import dev.wirewatch.schemas.TopicSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The sources the running ingester polls: the sources file's (read-only: changed by editing the
 * file) and those added through the API, kept in {@code news.sources} so that a restart keeps them.
 * A source added through the API may be on a private network only when the server was started
 * allowing it; the SSRF rules are otherwise those of the sources file.
 */
public final class SourceStore
    implements SourceRegistry, Supplier<List<SourceConfig>>, AutoCloseable {
  private final List<SourceConfig> file;
  private final Set<String> fileIds;
  private final boolean allowPrivateNetwork;
  private volatile List<SourceConfig> added = List.of();
  private JsonTopicStore<SourceConfig> topic;

  private SourceStore(List<SourceConfig> file, boolean allowPrivateNetwork) {
    this.file = List.copyOf(file);
    this.fileIds = file.stream().map(SourceConfig::id).collect(Collectors.toUnmodifiableSet());
    this.allowPrivateNetwork = allowPrivateNetwork;
  }

  /**
   * @param file the sources of the sources file (and of --feed), polled as they are
   * @param allowPrivateNetwork whether the API may add a source on a private network
   */
  public static SourceStore open(
      String bootstrapServers,
      TopicSpec<String, String> topic,
      List<SourceConfig> file,
      boolean allowPrivateNetwork) {
    SourceStore store = new SourceStore(file, allowPrivateNetwork);
    store.topic =
        JsonTopicStore.open(
            bootstrapServers,
            topic,
            SourcesFile::source,
            Map.of(),
            read -> {
              List<SourceConfig> list = new ArrayList<>(read.values());
              list.removeIf(s -> store.fileIds.contains(s.id())); // the file's wins
              list.sort(Comparator.comparing(SourceConfig::id));
              store.added = List.copyOf(list);
            });
    return store;
  }

  /** Every source to poll now: the file's, then those added through the API. */
  @Override
  public List<SourceConfig> get() {
    List<SourceConfig> all = new ArrayList<>(file);
    all.addAll(added);
    return all;
  }

  @Override
  public ObjectNode put(String id, String body) {
    if (fileIds.contains(id)) {
      throw new ReadOnlySource("source '" + id + "' is defined in the sources file: edit the file");
    }
    SourceConfig s;
    try {
      s = SourcesFile.source(id, body, "source '" + id + "'");
    } catch (ConfigFileException e) {
      throw new InvalidSource(e.getMessage());
    }
    if (s.allowPrivateNetwork() && !allowPrivateNetwork) {
      throw new InvalidSource(
          "source '"
              + id
              + "': allowPrivateNetwork: this server does not let the API add sources on a"
              + " private network (start it with --allow-private-network)");
    }
    ObjectNode json = SourcesFile.json(s);
    topic.write(s.id(), json.toString());
    return json;
  }

  @Override
  public boolean delete(String id) {
    if (fileIds.contains(id)) {
      throw new ReadOnlySource("source '" + id + "' is defined in the sources file: edit the file");
    }
    if (added.stream().noneMatch(s -> s.id().equals(id))) {
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
