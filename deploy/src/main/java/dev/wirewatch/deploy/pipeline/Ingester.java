package dev.wirewatch.deploy.pipeline;

import dev.wirewatch.ingest.fetch.HttpFetcher;
import dev.wirewatch.ingest.polite.HostGate;
import dev.wirewatch.ingest.polite.RobotsCache;
import dev.wirewatch.ingest.poll.IngestService;
import dev.wirewatch.ingest.poll.KafkaStatusSink;
import dev.wirewatch.ingest.poll.MeteredStatusSink;
import dev.wirewatch.ingest.poll.PollOutcome;
import dev.wirewatch.ingest.poll.SourcePoller;
import dev.wirewatch.ingest.poll.StatusSink;
import dev.wirewatch.ingest.publish.RawArticleSink;
import dev.wirewatch.ingest.source.SourceConfig;
import dev.wirewatch.ingest.source.Sources;
import dev.wirewatch.ingest.state.KafkaIngestState;
import dev.wirewatch.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * The feed and page ingester wired to Kafka: poll state and the seen-set on news.ingest-state,
 * statuses on news.source-status, articles through the given sink.
 */
public final class Ingester implements AutoCloseable {
  private final HttpFetcher fetcher;
  private final KafkaIngestState state;
  private final KafkaStatusSink statuses;
  private final IngestService service;

  private Ingester(
      HttpFetcher fetcher,
      KafkaIngestState state,
      KafkaStatusSink statuses,
      IngestService service) {
    this.fetcher = fetcher;
    this.state = state;
    this.statuses = statuses;
    this.service = service;
  }

  /** Builds the ingester; reads its durable state from Kafka first. */
  public static Ingester create(
      String bootstrapServers, Topics topics, RawArticleSink sink, Sources sources) {
    return create(bootstrapServers, topics, sink, sources, new SimpleMeterRegistry());
  }

  /**
   * Builds the ingester, counting each source's polls in the registry ({@link MeteredStatusSink});
   * reads its durable state from Kafka first.
   */
  public static Ingester create(
      String bootstrapServers,
      Topics topics,
      RawArticleSink sink,
      Sources sources,
      MeterRegistry metrics) {
    return create(bootstrapServers, topics, sink, sources, metrics, status -> {});
  }

  /**
   * Builds the ingester as above; {@code listener} also hears each poll's status (the serving
   * demo's live line per source).
   */
  public static Ingester create(
      String bootstrapServers,
      Topics topics,
      RawArticleSink sink,
      Sources sources,
      MeterRegistry metrics,
      StatusSink listener) {
    List<SourceConfig> fixed = sources.sources();
    return create(bootstrapServers, topics, sink, sources, () -> fixed, metrics, listener);
  }

  /**
   * Builds the ingester as above, polling the sources {@code live} gives at each round (the file's
   * and those added through the API): an addition is polled when due, a removal no longer is;
   * {@code sources} gives the settings.
   */
  public static Ingester create(
      String bootstrapServers,
      Topics topics,
      RawArticleSink sink,
      Sources sources,
      Supplier<List<SourceConfig>> live,
      MeterRegistry metrics,
      StatusSink listener) {
    HttpFetcher fetcher =
        new HttpFetcher(sources.settings().userAgent(), sources.settings().limits());
    KafkaIngestState state = null;
    KafkaStatusSink statuses = null;
    try {
      state =
          new KafkaIngestState(
              bootstrapServers, topics.ingestState(), KafkaIngestState.DEFAULT_MAX_SEEN);
      statuses = new KafkaStatusSink(bootstrapServers, topics.sourceStatus());
      HostGate gate = new HostGate(sources.settings().minHostDelay(), Clock.systemUTC());
      RobotsCache robots = new RobotsCache(fetcher, gate, "wirewatch", Clock.systemUTC());
      SourcePoller poller =
          new SourcePoller(
              fetcher,
              gate,
              robots,
              state,
              sink,
              both(new MeteredStatusSink(statuses, metrics), listener),
              Clock.systemUTC(),
              new SecureRandom(),
              sources.settings().maxPagesPerPoll());
      IngestService service =
          new IngestService(live, poller, state, Clock.systemUTC(), IngestService.DEFAULT_THREADS);
      return new Ingester(fetcher, state, statuses, service);
    } catch (RuntimeException e) {
      if (statuses != null) {
        statuses.close();
      }
      if (state != null) {
        state.close();
      }
      fetcher.close();
      throw e;
    }
  }

  private static StatusSink both(StatusSink first, StatusSink second) {
    return status -> {
      first.publish(status);
      second.publish(status);
    };
  }

  /** Polls every source once, now. */
  public List<PollOutcome> pollOnce() throws InterruptedException {
    return service.pollAllOnce();
  }

  /** Polls every source whenever it is due, until closed. */
  public void start() {
    service.start();
  }

  @Override
  public void close() {
    service.close();
    state.close();
    statuses.close();
    fetcher.close();
  }
}
