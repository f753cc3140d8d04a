package dev.wirewatch.processor;

import dev.wirewatch.schemas.Article;
import dev.wirewatch.schemas.AvroSerde;
import dev.wirewatch.schemas.DeadLetter;
import dev.wirewatch.schemas.RawArticle;
import dev.wirewatch.schemas.Topics;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import dev.wirewatch.processor.clean.SourceTemplates;
import dev.wirewatch.processor.clean.TemplateWindow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processor's topology: news.raw → clean and tag → news.articles, and news.dlq for every
 * record that cannot be decoded or processed, with the stage, reason and original bytes.
 *
 * <p>Values are read as bytes and decoded inside the topology, so an undecodable record is a
 * dead letter like any other rather than a deserialization error that stops the stream.
 */
public final class ProcessorTopology {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessorTopology.class);

  private final Topics topics;
  private final ArticleProcessor processor;
  private final Clock clock;
  private final AtomicLong processed;

  /**
   * @param processed incremented for every record handled (article or dead letter): progress for
   *     people, not an exact count (a retried transaction counts twice)
   */
  public ProcessorTopology(Topics topics, ArticleProcessor processor, Clock clock, AtomicLong processed) {
    this.topics = topics;
    this.processor = processor;
    this.clock = clock;
    this.processed = processed;
  }

  /** Outcome of one record: exactly one of the two is set. */
  record Outcome(Article article, DeadLetter deadLetter) {}

  /**
   * Name of the store of per-source templates: bytes of a {@link TemplateWindow} by source id,
   * in memory and restored from its changelog topic. Each task learns from the articles of its own
   * partitions — a random share of each source's articles, since they are keyed by article id.
   */
  public static final String TEMPLATES_STORE = "source-templates";

  public Topology build() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(
        Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(TEMPLATES_STORE), Serdes.String(), Serdes.ByteArray()));
    AvroSerde<RawArticle> rawSerde = AvroSerde.rawArticle();
    builder.stream(topics.raw().name(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("read-raw"))
        .processValues(() -> new Process(rawSerde), Named.as("clean-and-tag"), TEMPLATES_STORE)
        .split(Named.as("route-"))
        .branch(
            (id, outcome) -> outcome.article() != null,
            Branched.withConsumer(
                s -> s.mapValues(Outcome::article, Named.as("article"))
                    .to(
                        topics.articles().name(),
                        Produced.with(topics.articles().keySerde(), topics.articles().valueSerde())
                            .withName("write-articles")),
                "articles"))
        .defaultBranch(
            Branched.withConsumer(
                s -> s.mapValues(Outcome::deadLetter, Named.as("dead-letter"))
                    .to(
                        topics.dlq().name(),
                        Produced.with(topics.dlq().keySerde(), topics.dlq().valueSerde())
                            .withName("write-dlq")),
                "dlq"));
    return builder.build();
  }

  private final class Process implements FixedKeyProcessor<String, byte[], Outcome>, SourceTemplates {
    private final AvroSerde<RawArticle> rawSerde;
    private FixedKeyProcessorContext<String, Outcome> context;
    private KeyValueStore<String, byte[]> templates;

    Process(AvroSerde<RawArticle> rawSerde) {
      this.rawSerde = rawSerde;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Outcome> context) {
      this.context = context;
      this.templates = context.getStateStore(TEMPLATES_STORE);
    }

    @Override
    public TemplateWindow get(String sourceId) {
      return TemplateWindow.fromBytes(templates.get(sourceId));
    }

    @Override
    public void put(String sourceId, TemplateWindow window) {
      templates.put(sourceId, window.toBytes());
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
      processed.incrementAndGet();
      byte[] bytes = record.value();
      if (bytes == null) {
        return; // a tombstone on news.raw deletes nothing downstream; nothing to process
      }
      RawArticle raw;
      try {
        raw = rawSerde.decode(bytes);
      } catch (SerializationException e) {
        context.forward(record.withValue(dead(record, "decode", e.getMessage(), e)));
        return;
      }
      // Only the work is guarded: a failure downstream of forward() (writing to Kafka) is not a
      // bad record and must reach Streams' own handling.
      Outcome outcome;
      try {
        outcome = new Outcome(processor.process(raw, this), null);
      } catch (StageException e) {
        outcome = dead(record, e.stage(), e.getMessage(), e.getCause());
      } catch (RuntimeException e) {
        outcome = dead(record, "process", e.toString(), e);
      }
      context.forward(record.withValue(outcome));
    }

    private Outcome dead(FixedKeyRecord<String, byte[]> record, String stage, String reason, Throwable cause) {
      RecordMetadata meta = context.recordMetadata().orElse(null);
      LOG.warn(
          "dead letter: key={} topic={} partition={} offset={} stage={} reason={}",
          record.key(),
          meta == null ? null : meta.topic(),
          meta == null ? null : meta.partition(),
          meta == null ? null : meta.offset(),
          stage,
          reason);
      DeadLetter dl =
          DeadLetter.newBuilder()
              .setId(record.key())
              .setStage(stage)
              .setReason(reason == null ? stage + " failed" : reason)
              .setErrorClass(cause == null ? null : cause.getClass().getName())
              .setSourceTopic(meta == null ? null : meta.topic())
              .setSourcePartition(meta == null ? null : meta.partition())
              .setSourceOffset(meta == null ? null : meta.offset())
              .setPayload(ByteBuffer.wrap(record.value()))
              .setFailedAt(clock.instant())
              .build();
      return new Outcome(null, dl);
    }
  }
}
