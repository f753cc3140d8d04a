package dev.wirewatch.ingest.poll;

import dev.wirewatch.schemas.SourceStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts every poll's outcome per source as it is reported, then passes the status on.
 *
 * <p>The status each poll publishes already says everything an operator graphs (fetched or failed,
 * new, updated and unchanged items, page errors), so metering it here keeps the poller free of a
 * second reporting path. Meters (Prometheus names):
 *
 * <ul>
 *   <li>{@code wirewatch_ingest_fetches_total{source,outcome="ok"|"error"}}
 *   <li>{@code wirewatch_ingest_items_total{source,kind="new"|"updated"|"unchanged"}}
 *   <li>{@code wirewatch_ingest_page_errors_total{source}}: article pages that could not be fetched
 *   <li>{@code wirewatch_ingest_consecutive_failures{source}}: 0 while a source is healthy
 * </ul>
 */
public final class MeteredStatusSink implements StatusSink {
  private final StatusSink delegate;
  private final MeterRegistry registry;
  private final Map<String, SourceMeters> bySource = new ConcurrentHashMap<>();

  public MeteredStatusSink(StatusSink delegate, MeterRegistry registry) {
    this.delegate = delegate;
    this.registry = registry;
  }

  private record SourceMeters(
      Counter ok,
      Counter error,
      Counter created,
      Counter updated,
      Counter unchanged,
      Counter pageErrors,
      AtomicInteger failures) {}

  private SourceMeters meters(String source) {
    return bySource.computeIfAbsent(
        source,
        s -> {
          AtomicInteger failures = new AtomicInteger();
          // Held strongly by the registry: Micrometer's default weak reference lets the count be
          // collected once this sink is (a restarted ingester), and the gauge then reads NaN
          Gauge.builder("wirewatch.ingest.consecutive.failures", failures, AtomicInteger::get)
              .tag("source", s)
              .description("failed polls in a row")
              .strongReference(true)
              .register(registry);
          return new SourceMeters(
              fetches(s, "ok"),
              fetches(s, "error"),
              items(s, "new"),
              items(s, "updated"),
              items(s, "unchanged"),
              Counter.builder("wirewatch.ingest.page.errors")
                  .tag("source", s)
                  .description("article pages that could not be fetched or read")
                  .register(registry),
              failures);
        });
  }

  private Counter fetches(String source, String outcome) {
    return Counter.builder("wirewatch.ingest.fetches")
        .tag("source", source)
        .tag("outcome", outcome)
        .description("polls of a source, by outcome")
        .register(registry);
  }

  private Counter items(String source, String kind) {
    return Counter.builder("wirewatch.ingest.items")
        .tag("source", source)
        .tag("kind", kind)
        .description("feed items seen by a poll: new, updated or unchanged")
        .register(registry);
  }

  @Override
  public void publish(SourceStatus status) {
    SourceMeters m = meters(status.getSourceId());
    (status.getOk() ? m.ok() : m.error()).increment();
    m.created().increment(status.getNewItems());
    m.updated().increment(status.getUpdatedItems());
    m.unchanged().increment(status.getUnchangedItems());
    m.pageErrors().increment(status.getPageErrors());
    m.failures().set(status.getConsecutiveFailures());
    delegate.publish(status);
  }
}
