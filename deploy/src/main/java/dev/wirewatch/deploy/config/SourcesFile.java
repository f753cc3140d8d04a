package dev.wirewatch.deploy.config;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wirewatch.ingest.source.IngestSettings;
import dev.wirewatch.ingest.source.SourceConfig;
import dev.wirewatch.ingest.source.Sources;
import dev.wirewatch.schemas.InvalidSettingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a sources file ({@code config/sources.yaml}) into validated {@link Sources}. Every problem
 * names the file, the key ({@code sources[3].pollInterval}) and what is wrong.
 */
public final class SourcesFile {
  /** The file's shape. */
  record Shape(Settings settings, List<Source> sources) {}

  /** The ingester's settings as written; each missing value keeps its default. */
  record Settings(
      String userAgent, String minHostDelay, Long maxPageBytes, Integer maxPagesPerPoll) {}

  /** One source as written. */
  record Source(
      String id,
      String url,
      String kind,
      String pollInterval,
      List<String> labels,
      String language,
      Boolean fetchLinkedPages,
      Boolean allowPrivateNetwork) {}

  private SourcesFile() {}

  /**
   * One source as JSON (or YAML) in the shape of a sources file's entry, validated: what {@code PUT
   * /api/sources/{id}} takes and {@code news.sources} holds. The id may be left out; when given it
   * must be {@code id}.
   */
  public static SourceConfig source(String id, String json, String origin) {
    return YamlFiles.read(
        json,
        origin,
        Source.class,
        new Source(null, null, null, null, null, null, null, null),
        s -> {
          if (s.id() != null && !s.id().equals(id)) {
            throw new InvalidSettingException(
                "id",
                "must be the source's id in the address ('" + id + "'), got '" + s.id() + "'");
          }
          return SourceConfig.of(
              id,
              s.url(),
              s.kind(),
              s.pollInterval(),
              s.labels(),
              s.language(),
              s.fetchLinkedPages(),
              s.allowPrivateNetwork());
        });
  }

  /** A source as JSON, in the shape {@link #source} reads. */
  public static ObjectNode json(SourceConfig s) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("id", s.id());
    n.put("url", s.url());
    n.put("kind", s.kind().name().toLowerCase(java.util.Locale.ROOT));
    n.put("pollInterval", s.pollInterval().toSeconds() + "s");
    s.labels().forEach(n.putArray("labels")::add);
    n.withArray("labels");
    n.put("language", s.language());
    n.put("fetchLinkedPages", s.fetchLinkedPages());
    n.put("allowPrivateNetwork", s.allowPrivateNetwork());
    return n;
  }

  /** The shipped sources file (config/sources.yaml): real public feeds on the running example. */
  public static final String BUNDLED_RESOURCE = "dev/wirewatch/config/sources.yaml";

  /** The shipped sources: what the serving demo keeps polling when no source or input is named. */
  public static Sources bundled() {
    return parse(YamlFiles.resource(BUNDLED_RESOURCE), "bundled sources.yaml");
  }

  /** No sources, default settings: what is polled when no file is given. */
  public static final Sources NONE = new Sources(IngestSettings.DEFAULTS, List.of());

  /**
   * The sources plus one feed source per URL given on the command line (polled with the defaults).
   *
   * @param allowPrivateNetwork whether those feeds may be on a loopback or private address
   */
  public static Sources plusFeeds(
      Sources sources, List<String> feeds, boolean allowPrivateNetwork) {
    List<SourceConfig> all = new ArrayList<>(sources.sources());
    feeds.forEach(url -> all.add(SourceConfig.ofFeedUrl(url, allowPrivateNetwork)));
    return new Sources(sources.settings(), all);
  }

  public static Sources load(Path file) {
    return parse(YamlFiles.text(file), file.toString());
  }

  public static Sources parse(String yaml, String origin) {
    return YamlFiles.read(yaml, origin, Shape.class, new Shape(null, null), SourcesFile::validate);
  }

  private static Sources validate(Shape shape) {
    if (shape.sources() == null) {
      throw new InvalidSettingException("sources", "missing: expected a list under 'sources:'");
    }
    IngestSettings settings =
        shape.settings() == null
            ? IngestSettings.DEFAULTS
            : YamlFiles.under(
                "settings",
                shape.settings(),
                s ->
                    IngestSettings.of(
                        s.userAgent(), s.minHostDelay(), s.maxPageBytes(), s.maxPagesPerPoll()));
    List<SourceConfig> sources =
        YamlFiles.each(
            "sources",
            shape.sources(),
            s ->
                SourceConfig.of(
                    s.id(),
                    s.url(),
                    s.kind(),
                    s.pollInterval(),
                    s.labels(),
                    s.language(),
                    s.fetchLinkedPages(),
                    s.allowPrivateNetwork()));
    return Sources.of(settings, sources);
  }
}
