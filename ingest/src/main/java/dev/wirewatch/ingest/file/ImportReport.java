package dev.wirewatch.ingest.file;

import java.util.List;

/**
 * What an import did.
 *
 * @param published articles handed to the sink
 * @param problems inputs that were skipped, each with its reason
 */
public record ImportReport(long published, List<Problem> problems) {
  public ImportReport {
    problems = List.copyOf(problems);
  }
}
