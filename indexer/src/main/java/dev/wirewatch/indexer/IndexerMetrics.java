package dev.wirewatch.indexer;

import dev.wirewatch.indexer.store.ShardedIndex;
import dev.wirewatch.schemas.Article;
import dev.wirewatch.schemas.DeadLetter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.lucene.search.IndexSearcher;

/**
 * What the indexer tells Prometheus: articles and dead letters indexed (dead letters by stage and
 * kind of error), the time from an article's publication to news.raw to its write into the index,
 * how far the consumer is behind, and the index's documents and size.
 */
public final class IndexerMetrics {
  private final MeterRegistry registry;
  private final Counter articles;
  private final Timer publishToIndex;
  private final AtomicLong lag = new AtomicLong();

  public IndexerMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.articles =
        Counter.builder("wirewatch.indexer.articles")
            .description("Articles written to the index (a replay after a crash counts again)")
            .register(registry);
    this.publishToIndex =
        Timer.builder("wirewatch.indexer.publish.to.index")
            .description("From an article's publication to news.raw to its write into the index")
            .publishPercentileHistogram()
            .register(registry);
    Gauge.builder("wirewatch.indexer.lag", lag, AtomicLong::get)
        .description("Records of the assigned partitions not yet consumed")
        .baseUnit("records")
        .register(registry);
  }

  /** Metrics that record nothing anyone reads (for tools and tests that do not export them). */
  public static IndexerMetrics none() {
    return new IndexerMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
  }

  void article(Article a, Instant now) {
    articles.increment();
    if (a.getIngestedAt() != null && !now.isBefore(a.getIngestedAt())) {
      publishToIndex.record(Duration.between(a.getIngestedAt(), now));
    }
  }

  void deadLetter(DeadLetter d) {
    String error =
        d.getErrorClass() == null
            ? "none"
            : d.getErrorClass().substring(d.getErrorClass().lastIndexOf('.') + 1);
    Counter.builder("wirewatch.indexer.dead.letters")
        .description("Dead letters recorded in the index")
        .tag("stage", d.getStage())
        .tag("error", error)
        .register(registry)
        .increment();
  }

  void lag(long records) {
    lag.set(records);
  }

  /** Gauges of the index: documents searchable here, and bytes on disk. */
  public void watch(ShardedIndex index, Path dir) {
    Gauge.builder(
            "wirewatch.index.documents",
            index,
            i -> {
              try {
                IndexSearcher s = i.searchers().acquire();
                try {
                  return s.getIndexReader().numDocs();
                } finally {
                  i.searchers().release(s);
                }
              } catch (IOException | RuntimeException e) {
                return Double.NaN;
              }
            })
        .description("Documents (articles and dead letters) searchable in this instance's shards")
        .register(registry);
    Gauge.builder("wirewatch.index.size", dir, IndexerMetrics::bytesUnder)
        .description("Bytes of this instance's index on disk")
        .baseUnit("bytes")
        .register(registry);
  }

  private static double bytesUnder(Path dir) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .mapToLong(
              f -> {
                try {
                  return Files.size(f);
                } catch (IOException gone) {
                  return 0; // merged away while counting
                }
              })
          .sum();
    } catch (IOException | UncheckedIOException e) {
      return Double.NaN;
    }
  }
}
