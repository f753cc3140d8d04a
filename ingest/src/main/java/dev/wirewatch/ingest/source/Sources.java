package dev.wirewatch.ingest.source;

import java.util.List;

/**
 * A parsed sources file.
 *
 * @param settings the ingester's settings
 * @param sources the sources, in file order
 */
public record Sources(IngestSettings settings, List<SourceConfig> sources) {
  public Sources {
    sources = List.copyOf(sources);
  }
}
