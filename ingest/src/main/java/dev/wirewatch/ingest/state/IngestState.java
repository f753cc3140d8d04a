package dev.wirewatch.ingest.state;

import java.util.Optional;

/**
 * The ingester's durable memory: each source's poll state, and the entries already published with a
 * hash of their content, so nothing is published twice — across restarts too — and a changed entry
 * is published again as an update.
 */
public interface IngestState extends AutoCloseable {
  PollState pollState(String sourceId);

  void savePollState(String sourceId, PollState state);

  /** The content hash an entry was last published with, if it was. */
  Optional<String> publishedHash(String entryKey);

  /** Remembers that an entry was published with this content hash. */
  void markPublished(String entryKey, String contentHash);

  /** Makes every change so far durable. */
  void flush();

  @Override
  void close();
}
