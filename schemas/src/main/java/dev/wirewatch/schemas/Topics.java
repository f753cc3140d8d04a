package dev.wirewatch.schemas;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The typed registry of Wirewatch's topics: the one place that binds each topic to its serdes and
 * settings. Every producer, consumer and topology takes its topics from here.
 *
 * @param raw {@value #RAW}: articles as fetched
 * @param articles {@value #ARTICLES}: cleaned, tagged articles; compacted by id so the index can
 *     always be rebuilt from it
 * @param dlq {@value #DLQ}: what a stage could not process, with the reason and original bytes
 * @param sourceStatus {@value #SOURCE_STATUS}: each polled source's health, compacted by source id
 * @param ingestState {@value #INGEST_STATE}: the ingester's own durable state (poll validators and
 *     the set of entries already published), compacted; JSON values private to ingest
 * @param alerts {@value #ALERTS}: alerts on new developments for the watches, keyed by alert id,
 *     kept 30 days; one partition, so delivery keeps their order
 * @param watches {@value #WATCHES}: the watches in force, keyed by watch id, compacted; the value
 *     is the watch as JSON (the shape of a watches file's entry), a tombstone deletes it
 * @param sources {@value #SOURCES}: the sources added through the API (beside the sources file's),
 *     keyed by source id, compacted; the value is the source as JSON, a tombstone deletes it
 * @param searches {@value #SEARCHES}: the saved searches, keyed by id, compacted; the value is the
 *     search as JSON, a tombstone deletes it
 */
public record Topics(
    TopicSpec<String, RawArticle> raw,
    TopicSpec<String, Article> articles,
    TopicSpec<String, DeadLetter> dlq,
    TopicSpec<String, SourceStatus> sourceStatus,
    TopicSpec<String, String> ingestState,
    TopicSpec<String, Alert> alerts,
    TopicSpec<String, String> watches,
    TopicSpec<String, String> sources,
    TopicSpec<String, String> searches) {

  public static final String RAW = "news.raw";
  public static final String ARTICLES = "news.articles";
  public static final String DLQ = "news.dlq";
  public static final String SOURCE_STATUS = "news.source-status";
  public static final String INGEST_STATE = "news.ingest-state";
  public static final String ALERTS = "news.alerts";
  public static final String WATCHES = "news.watches";
  public static final String SOURCES = "news.sources";
  public static final String SEARCHES = "news.searches";

  /** Default partitions of news.raw and news.articles: the unit of parallelism of each stage. */
  public static final int DEFAULT_PARTITIONS = 3;

  /**
   * Largest record accepted on our topics, in bytes (16 MiB). Pages may be up to 5 MB before
   * decoding and the DLQ carries original bytes plus a reason, so Kafka's 1 MB default is too
   * small.
   */
  public static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

  /** The standard topics with their default settings, in the embedded wire format. */
  public static Topics defaults() {
    return withPartitions(DEFAULT_PARTITIONS);
  }

  /** The standard topics in the given wire format. */
  public static Topics defaults(WireFormat format) {
    return withPartitions(DEFAULT_PARTITIONS, format);
  }

  /** The standard topics, news.raw and news.articles with the given partition count. */
  public static Topics withPartitions(int partitions) {
    return withPartitions(partitions, WireFormat.embedded());
  }

  /**
   * The standard topics, news.raw and news.articles with the given partition count, their Avro
   * values in the given wire format. Keys are plain strings in both formats, and news.ingest-state
   * (private to ingest), news.watches, news.sources and news.searches are JSON text.
   */
  public static Topics withPartitions(int partitions, WireFormat format) {
    Serde<String> keys = Serdes.String();
    String maxBytes = Integer.toString(MAX_MESSAGE_BYTES);
    return new Topics(
        new TopicSpec<>(
            RAW,
            partitions,
            Map.of(
                "retention.ms",
                Long.toString(14L * 24 * 3600 * 1000),
                "max.message.bytes",
                maxBytes),
            keys,
            format.serde(RawArticle.class, RawArticle.getClassSchema()),
            RawArticle.getClassSchema()),
        new TopicSpec<>(
            ARTICLES,
            partitions,
            Map.of("cleanup.policy", "compact", "max.message.bytes", maxBytes),
            keys,
            format.serde(Article.class, Article.getClassSchema()),
            Article.getClassSchema()),
        new TopicSpec<>(
            DLQ,
            1,
            Map.of("retention.ms", "-1", "max.message.bytes", maxBytes),
            keys,
            format.serde(DeadLetter.class, DeadLetter.getClassSchema()),
            DeadLetter.getClassSchema()),
        new TopicSpec<>(
            SOURCE_STATUS,
            1,
            Map.of("cleanup.policy", "compact"),
            keys,
            format.serde(SourceStatus.class, SourceStatus.getClassSchema()),
            SourceStatus.getClassSchema()),
        new TopicSpec<>(
            INGEST_STATE, 1, Map.of("cleanup.policy", "compact"), keys, Serdes.String(), null),
        new TopicSpec<>(
            ALERTS,
            1,
            Map.of("retention.ms", Long.toString(30L * 24 * 3600 * 1000)),
            keys,
            format.serde(Alert.class, Alert.getClassSchema()),
            Alert.getClassSchema()),
        new TopicSpec<>(
            WATCHES, 1, Map.of("cleanup.policy", "compact"), keys, Serdes.String(), null),
        new TopicSpec<>(
            SOURCES, 1, Map.of("cleanup.policy", "compact"), keys, Serdes.String(), null),
        new TopicSpec<>(
            SEARCHES, 1, Map.of("cleanup.policy", "compact"), keys, Serdes.String(), null));
  }

  /** All topics, in pipeline order. */
  public List<TopicSpec<?, ?>> all() {
    return List.of(
        raw, articles, dlq, sourceStatus, ingestState, alerts, watches, sources, searches);
  }
}
