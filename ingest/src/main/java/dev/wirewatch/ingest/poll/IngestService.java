package dev.wirewatch.ingest.poll;

import dev.wirewatch.ingest.source.SourceConfig;
import dev.wirewatch.ingest.state.IngestState;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the pollers: each source when it is due (its poll state says when), a few at a time;
 * politeness per host is the {@link dev.wirewatch.ingest.polite.HostGate}'s job.
 */
public final class IngestService implements AutoCloseable {
  /** Sources polled at the same time by default. */
  public static final int DEFAULT_THREADS = 4;

  private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);

  /** The sources as they are now: a list that may change while polling goes on. */
  private final Supplier<List<SourceConfig>> sources;

  private final SourcePoller poller;
  private final IngestState state;
  private final Clock clock;
  private final ExecutorService workers;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "wirewatch-ingest-scheduler"));
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

  public IngestService(
      Supplier<List<SourceConfig>> sources,
      SourcePoller poller,
      IngestState state,
      Clock clock,
      int threads) {
    this.sources = sources;
    this.poller = poller;
    this.state = state;
    this.clock = clock;
    this.workers = Executors.newFixedThreadPool(threads, r -> new Thread(r, "wirewatch-ingest"));
  }

  /** Polls every source once, now, and returns the outcomes in source order. */
  public List<PollOutcome> pollAllOnce() throws InterruptedException {
    List<Future<PollOutcome>> futures = new ArrayList<>();
    for (SourceConfig s : sources.get()) {
      futures.add(workers.submit(() -> poller.poll(s)));
    }
    List<PollOutcome> outcomes = new ArrayList<>();
    for (Future<PollOutcome> f : futures) {
      try {
        outcomes.add(f.get());
      } catch (ExecutionException e) {
        outcomes.add(new PollOutcome(false, 0, 0, 0, 0, String.valueOf(e.getCause())));
      }
    }
    return outcomes;
  }

  /** Polls continuously: every second, the sources that are due and not being polled. */
  public void start() {
    scheduler.scheduleWithFixedDelay(this::dispatchDue, 0, 1, TimeUnit.SECONDS);
  }

  private void dispatchDue() {
    long now = clock.millis();
    for (SourceConfig s : sources.get()) {
      if (state.pollState(s.id()).nextDueMillis() <= now && inFlight.add(s.id())) {
        workers.submit(
            () -> {
              try {
                PollOutcome o = poller.poll(s);
                LOG.info(
                    "polled {}: ok={} new={} updated={} unchanged={} pageErrors={}{}",
                    s.id(),
                    o.ok(),
                    o.newItems(),
                    o.updatedItems(),
                    o.unchangedItems(),
                    o.pageErrors(),
                    o.error() == null ? "" : " error=" + o.error());
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (RuntimeException e) {
                LOG.error("poller of {} failed", s.id(), e);
              } finally {
                inFlight.remove(s.id());
              }
            });
      }
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    workers.shutdownNow();
    try {
      workers.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
