package dev.wirewatch.processor;

import dev.wirewatch.processor.alert.Watches;
import dev.wirewatch.processor.clean.furniture.TemplateWindow;
import dev.wirewatch.processor.story.StoryRules;
import dev.wirewatch.schemas.AvroSerde;
import dev.wirewatch.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processor's topology: news.raw → clean and tag → (one task) fold into stories and raise
 * alerts → news.articles and news.alerts; news.dlq for every record that cannot be decoded or
 * processed, with the stage, reason and original bytes.
 *
 * <p>Values are read as bytes and decoded inside the topology, so an undecodable record is a dead
 * letter like any other rather than a deserialization error that stops the stream.
 */
public final class ProcessorTopology {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessorTopology.class);

  private final Topics topics;
  private final ArticleProcessor processor;
  private final Supplier<Watches> watches;
  private final StoryRules stories;
  private final Clock clock;
  private final AtomicLong processed;
  private final io.micrometer.core.instrument.Timer processing;
  private final io.micrometer.core.instrument.Counter repeats;
  private final boolean repeatCheck;

  /**
   * @param watches the watches in force; asked once per article, so it may change (reloads)
   * @param processed incremented for every record handled (article or dead letter): progress for
   *     people, not an exact count (a retried transaction counts twice)
   */
  public ProcessorTopology(
      Topics topics,
      ArticleProcessor processor,
      Supplier<Watches> watches,
      StoryRules stories,
      Clock clock,
      AtomicLong processed) {
    this(
        topics,
        processor,
        watches,
        stories,
        clock,
        processed,
        new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
  }

  /**
   * @param meters where the topology's own meters go: {@code wirewatch.processor.process}, the
   *     cleaning and tagging time of each record (not the story and alert step, nor Kafka), as a
   *     histogram; and {@code wirewatch.processor.repeats}, records skipped as repeats
   */
  public ProcessorTopology(
      Topics topics,
      ArticleProcessor processor,
      Supplier<Watches> watches,
      StoryRules stories,
      Clock clock,
      AtomicLong processed,
      io.micrometer.core.instrument.MeterRegistry meters) {
    this(
        topics,
        processor,
        watches,
        stories,
        clock,
        processed,
        io.micrometer.core.instrument.Timer.builder("wirewatch.processor.process")
            .description("cleaning and tagging of one record of news.raw")
            .publishPercentileHistogram()
            .register(meters),
        io.micrometer.core.instrument.Counter.builder("wirewatch.processor.repeats")
            .description(
                "records of news.raw skipped because the same article, unchanged, was processed before")
            .register(meters),
        true);
  }

  private ProcessorTopology(
      Topics topics,
      ArticleProcessor processor,
      Supplier<Watches> watches,
      StoryRules stories,
      Clock clock,
      AtomicLong processed,
      io.micrometer.core.instrument.Timer processing,
      io.micrometer.core.instrument.Counter repeats,
      boolean repeatCheck) {
    this.processing = processing;
    this.repeats = repeats;
    this.topics = topics;
    this.processor = processor;
    this.watches = watches;
    this.stories = stories;
    this.clock = clock;
    this.processed = processed;
    this.repeatCheck = repeatCheck;
  }

  /**
   * This topology without the repeat check ({@link #SEEN_STORE}): every record of news.raw is
   * processed, whatever was processed before. Not for service: the fault suite uses it to show that
   * exactly-once processing alone, without the check as a safety net, writes each article once
   * after a crash.
   */
  public ProcessorTopology withoutRepeatCheck() {
    return new ProcessorTopology(
        topics, processor, watches, stories, clock, processed, processing, repeats, false);
  }

  /** Stories only, no watches: the processor of tests and tools that raise no alerts. */
  public ProcessorTopology(
      Topics topics, ArticleProcessor processor, Clock clock, AtomicLong processed) {
    this(topics, processor, () -> Watches.NONE, StoryRules.DEFAULT, clock, processed);
  }

  /**
   * Name of the store of per-source templates: bytes of a {@link TemplateWindow} by source id, in
   * memory and restored from its changelog topic. Each task learns from the articles of its own
   * partitions — a random share of each source's articles, since they are keyed by article id.
   */
  public static final String TEMPLATES_STORE = "source-templates";

  /**
   * Name of the store of what each task has processed: article id → (record time, content hash), on
   * disk. A record whose article was processed before with the same content is a repeat — an
   * ingester that crashed after publishing but before recording it, a push client retrying, a file
   * imported twice — and is skipped, so an at-least-once source never yields a second article, a
   * second dead letter or a second alert. An article whose content changed is processed again.
   */
  public static final String SEEN_STORE = "raw-seen";

  /**
   * Name of the store of copies and of each article's story (signatures, exact texts, LSH buckets),
   * on disk.
   */
  public static final String STORIES_STORE = "stories";

  /**
   * Name of the store of the event stories: their centroids, the stream's term frequencies, the
   * index of stories by term. In memory (the story engine reads it all at start and works from
   * memory), restored from its changelog; bounded by the story window.
   */
  public static final String EVENTS_STORE = "story-events";

  /**
   * Name of the store of alert state (what each watch was told, hourly counts, bursts), on disk.
   */
  public static final String ALERTS_STORE = "alert-state";

  /** How often (stream time) the story and alert stores forget what left their windows. */
  static final Duration EXPIRE_EVERY = Duration.ofHours(6);

  public Topology build() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(TEMPLATES_STORE), Serdes.String(), Serdes.ByteArray()));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(SEEN_STORE), Serdes.String(), Serdes.ByteArray()));
    // The story stores are written through on every change — the event store dozens of times per
    // article (the document count, each term's frequency, the story, its postings) — and most of
    // those keys are written again by the next articles. Cached, a key is written to the store
    // and its changelog once per commit, not once per article; the cache is flushed before each
    // commit, so a restore still gives back exactly the committed state.
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(STORIES_STORE), Serdes.String(), Serdes.ByteArray())
            .withCachingEnabled());
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(EVENTS_STORE), Serdes.String(), Serdes.ByteArray())
            .withCachingEnabled());
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(ALERTS_STORE), Serdes.String(), Serdes.ByteArray()));
    builder.stream(
            topics.raw().name(),
            Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("read-raw"))
        .processValues(
            () ->
                new CleanAndTag(
                    topics.raw().name(),
                    topics.raw().valueSerde().deserializer(),
                    processor,
                    stories.window(),
                    clock,
                    processed,
                    processing,
                    repeats,
                    repeatCheck),
            Named.as("clean-and-tag"),
            TEMPLATES_STORE,
            SEEN_STORE)
        .split(Named.as("route-"))
        .branch(
            (id, outcome) -> outcome.article() != null,
            Branched.withConsumer(
                s -> {
                  // Every article passes one task, in order: a near-copy may arrive on any
                  // partition
                  // of news.raw, and its story (and whether a watch was told) must be decided once.
                  // The repartition topic is internal to this app, so it keeps the embedded format
                  // in
                  // either mode: nothing outside reads it, and no registry subject is needed for
                  // it.
                  KStream<String, Storied> storied =
                      s.mapValues(Outcome::article, Named.as("article"))
                          .repartition(
                              Repartitioned.with(topics.articles().keySerde(), AvroSerde.article())
                                  .withName("stories")
                                  .withNumberOfPartitions(1))
                          .process(
                              () -> new StoriesAndAlerts(stories, watches, clock),
                              Named.as("stories-and-alerts"),
                              STORIES_STORE,
                              EVENTS_STORE,
                              ALERTS_STORE);
                  storied
                      .mapValues(Storied::article, Named.as("storied-article"))
                      .to(
                          topics.articles().name(),
                          Produced.with(
                                  topics.articles().keySerde(), topics.articles().valueSerde())
                              .withName("write-articles"));
                  storied
                      .flatMap(
                          (id, st) ->
                              st.alerts().stream().map(a -> KeyValue.pair(a.getId(), a)).toList(),
                          Named.as("alerts"))
                      .to(
                          topics.alerts().name(),
                          Produced.with(topics.alerts().keySerde(), topics.alerts().valueSerde())
                              .withName("write-alerts"));
                },
                "articles"))
        .defaultBranch(
            Branched.withConsumer(
                s ->
                    s.mapValues(Outcome::deadLetter, Named.as("dead-letter"))
                        .to(
                            topics.dlq().name(),
                            Produced.with(topics.dlq().keySerde(), topics.dlq().valueSerde())
                                .withName("write-dlq")),
                "dlq"));
    return builder.build();
  }
}
