package dev.wirewatch.deploy.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.wirewatch.processor.tag.TopicDefinition;
import dev.wirewatch.schemas.InvalidSettingException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads a topics file ({@code config/topics.yaml}) into validated {@link TopicDefinition}s:
 *
 * <pre>
 * topics:
 *   - id: haiti
 *     label: Haiti
 *     query: 'haiti OR haitian*'
 *     queries:           # optional: a query of its own for a language (ISO 639-1)
 *       fr: 'haïti OR haïtien*'
 *     minScore: 0        # optional
 * </pre>
 *
 * Every problem is reported with the file, the key ({@code topics[2].query}) and what is wrong.
 */
public final class TopicsFile {
  /** Classpath location of the topics shipped with Wirewatch (copied from config/topics.yaml). */
  public static final String BUNDLED_RESOURCE = "dev/wirewatch/config/topics.yaml";

  /** The file's shape; other top-level keys are left to other tools. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Shape(List<Topic> topics) {}

  /** One topic as written. */
  record Topic(
      String id, String label, String query, Map<String, String> queries, Double minScore) {}

  private TopicsFile() {}

  /** The topics shipped with Wirewatch. */
  public static List<TopicDefinition> bundled() {
    return parse(YamlFiles.resource(BUNDLED_RESOURCE), "bundled topics.yaml");
  }

  /** Loads a topics file. */
  public static List<TopicDefinition> load(Path file) {
    return parse(YamlFiles.text(file), file.toString());
  }

  /** Parses topics from YAML text; {@code origin} names it in errors. */
  public static List<TopicDefinition> parse(String yaml, String origin) {
    return YamlFiles.read(yaml, origin, Shape.class, new Shape(null), TopicsFile::validate);
  }

  private static List<TopicDefinition> validate(Shape shape) {
    if (shape.topics() == null) {
      throw new InvalidSettingException("topics", "missing: expected a list under 'topics:'");
    }
    List<TopicDefinition> topics =
        YamlFiles.each(
            "topics",
            shape.topics(),
            t -> TopicDefinition.of(t.id(), t.label(), t.query(), t.queries(), t.minScore()));
    TopicDefinition.requireDistinctIds(topics, "topics");
    return List.copyOf(topics);
  }
}
