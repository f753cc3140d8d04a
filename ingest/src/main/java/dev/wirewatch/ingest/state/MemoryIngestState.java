package dev.wirewatch.ingest.state;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Ingest state that lives as long as the process: for tests and one-off runs. */
public final class MemoryIngestState implements IngestState {
  private final Map<String, PollState> polls = new HashMap<>();
  private final Map<String, String> published = new HashMap<>();

  @Override
  public synchronized PollState pollState(String sourceId) {
    return polls.getOrDefault(sourceId, PollState.NEW);
  }

  @Override
  public synchronized void savePollState(String sourceId, PollState state) {
    polls.put(sourceId, state);
  }

  @Override
  public synchronized Optional<String> publishedHash(String entryKey) {
    return Optional.ofNullable(published.get(entryKey));
  }

  @Override
  public synchronized void markPublished(String entryKey, String contentHash) {
    published.put(entryKey, contentHash);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
