package dev.wirewatch.ingest.poll;

import dev.wirewatch.ingest.ListSink;
import dev.wirewatch.ingest.fetch.HttpFetcher;
import dev.wirewatch.ingest.polite.HostGate;
import dev.wirewatch.ingest.polite.RobotsCache;
import dev.wirewatch.ingest.state.IngestState;
import dev.wirewatch.ingest.state.MemoryIngestState;
import dev.wirewatch.schemas.RawArticle;
import dev.wirewatch.schemas.SourceStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

/** A poller wired to in-memory sinks: what it published and reported can be read back. */
final class Harness implements AutoCloseable {
  final ListSink sink = new ListSink();
  final List<RawArticle> published = sink.published;
  final List<SourceStatus> statuses = new CopyOnWriteArrayList<>();
  final IngestState state;
  final HttpFetcher fetcher;
  final SourcePoller poller;

  Harness(Duration hostDelay, HttpFetcher.Limits limits) {
    this(hostDelay, limits, new MemoryIngestState());
  }

  Harness(Duration hostDelay, HttpFetcher.Limits limits, IngestState state) {
    this.state = state;
    this.fetcher = new HttpFetcher(HttpFetcher.DEFAULT_USER_AGENT, limits);
    HostGate gate = new HostGate(hostDelay, Clock.systemUTC());
    RobotsCache robots = new RobotsCache(fetcher, gate, "wirewatch", Clock.systemUTC());
    this.poller =
        new SourcePoller(
            fetcher,
            gate,
            robots,
            state,
            sink,
            statuses::add,
            Clock.systemUTC(),
            new Random(1),
            SourcePoller.DEFAULT_MAX_PAGES_PER_POLL);
  }

  static Harness fast() {
    return new Harness(Duration.ZERO, HttpFetcher.Limits.DEFAULTS);
  }

  @Override
  public void close() {
    fetcher.close();
  }
}
