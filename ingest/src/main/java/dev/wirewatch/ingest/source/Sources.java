package dev.wirewatch.ingest.source;

import dev.wirewatch.schemas.InvalidSettingException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The sources to poll and the ingester's settings (a sources file).
 *
 * @param settings the ingester's settings
 * @param sources the sources, in file order
 */
public record Sources(IngestSettings settings, List<SourceConfig> sources) {
  public Sources {
    sources = List.copyOf(sources);
  }

  /**
   * Sources as a file lists them, checked across records: a duplicate id is an {@link
   * InvalidSettingException} naming the second ({@code sources[3].id}).
   */
  public static Sources of(IngestSettings settings, List<SourceConfig> sources) {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < sources.size(); i++) {
      if (!ids.add(sources.get(i).id())) {
        throw new InvalidSettingException(
            "sources[" + i + "].id", "duplicate source id '" + sources.get(i).id() + "'");
      }
    }
    return new Sources(settings, sources);
  }
}
