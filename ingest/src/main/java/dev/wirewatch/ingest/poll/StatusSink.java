package dev.wirewatch.ingest.poll;

import dev.wirewatch.schemas.SourceStatus;

/** Where each poll's outcome is reported: news.source-status in production. */
public interface StatusSink {
  void publish(SourceStatus status);
}
