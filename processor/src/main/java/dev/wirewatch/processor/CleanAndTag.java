package dev.wirewatch.processor;

import dev.wirewatch.processor.clean.furniture.SourceTemplates;
import dev.wirewatch.processor.clean.furniture.TemplateWindow;
import dev.wirewatch.schemas.DeadLetter;
import dev.wirewatch.schemas.RawArticle;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cleans and tags each record of news.raw (or makes it a dead letter), skipping repeats of what
 * this task processed before, and learns each source's templates.
 */
final class CleanAndTag implements FixedKeyProcessor<String, byte[], Outcome>, SourceTemplates {
  private static final Logger LOG = LoggerFactory.getLogger(CleanAndTag.class);

  private final ArticleProcessor processor;
  private final Duration window;
  private final Clock clock;
  private final AtomicLong processed;
  private final Timer processing;
  private final Counter repeats;
  private final boolean repeatCheck;

  /**
   * Largest record of news.raw that is decoded: the topic's own message limit, which ingest keeps
   * to. A larger one (another producer, compressed past the broker's check) is a dead letter
   * without being decoded.
   */
  static final int MAX_RECORD_BYTES = dev.wirewatch.schemas.Topics.MAX_MESSAGE_BYTES;

  /** Most of a record's bytes a dead letter carries: enough to see what it was. */
  static final int MAX_PAYLOAD_BYTES = 1024 * 1024;

  private final String rawTopic;
  private final Deserializer<RawArticle> rawSerde;
  private FixedKeyProcessorContext<String, Outcome> context;
  private KeyValueStore<String, byte[]> templates;
  private KeyValueStore<String, byte[]> seen;

  /**
   * @param window how long a processed article is remembered for the repeat check
   * @param processed incremented for every record handled
   * @param processing the time cleaning and tagging take
   * @param repeats counts the records skipped as repeats
   * @param repeatCheck false: no repeat check, every record is processed (the fault suite's switch)
   */
  CleanAndTag(
      String rawTopic,
      Deserializer<RawArticle> rawSerde,
      ArticleProcessor processor,
      Duration window,
      Clock clock,
      AtomicLong processed,
      Timer processing,
      Counter repeats,
      boolean repeatCheck) {
    this.rawTopic = rawTopic;
    this.rawSerde = rawSerde;
    this.processor = processor;
    this.window = window;
    this.clock = clock;
    this.processed = processed;
    this.processing = processing;
    this.repeats = repeats;
    this.repeatCheck = repeatCheck;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, Outcome> context) {
    this.context = context;
    this.templates = context.getStateStore(ProcessorTopology.TEMPLATES_STORE);
    this.seen = context.getStateStore(ProcessorTopology.SEEN_STORE);
    context.schedule(
        ProcessorTopology.EXPIRE_EVERY,
        PunctuationType.STREAM_TIME,
        now -> {
          int forgotten = forgetBefore(now - window.toMillis());
          LOG.info("repeat check: forgot {} articles older than {}", forgotten, window);
        });
  }

  /** Drops what was processed before {@code cutoff} (ms): a repeat that late is processed again. */
  private int forgetBefore(long cutoff) {
    List<String> old = new java.util.ArrayList<>();
    try (var it = seen.all()) {
      while (it.hasNext()) {
        var e = it.next();
        if (e.value == null
            || e.value.length < Long.BYTES
            || ByteBuffer.wrap(e.value).getLong() < cutoff) {
          old.add(e.key);
        }
      }
    }
    old.forEach(seen::delete);
    return old.size();
  }

  /**
   * True when this article id was processed before with the same content; otherwise remembers it.
   * The fetch time is left out: a re-fetch of an unchanged page is a repeat.
   */
  private boolean repeat(String id, byte[] hash, long time) {
    byte[] before = seen.get(id);
    if (before != null
        && before.length == Long.BYTES + hash.length
        && java.util.Arrays.equals(before, Long.BYTES, before.length, hash, 0, hash.length)) {
      return true;
    }
    seen.put(id, ByteBuffer.allocate(Long.BYTES + hash.length).putLong(time).put(hash).array());
    return false;
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
    if (bytes.length > MAX_RECORD_BYTES) {
      // Not decoded: a record this size did not come from Wirewatch's ingest (it keeps to the
      // topic's message limit); decoding it would take several times its size in memory.
      context.forward(
          record.withValue(
              dead(
                  record,
                  "decode",
                  String.format(
                      java.util.Locale.ROOT,
                      "not decoded: a record of %,d bytes, over the limit of %,d",
                      bytes.length,
                      MAX_RECORD_BYTES),
                  null)));
      return;
    }
    RawArticle raw;
    try {
      raw = rawSerde.deserialize(rawTopic, bytes);
    } catch (SerializationException e) {
      if (repeatCheck
          && record.key() != null
          && repeat(record.key(), ContentHash.of(bytes), record.timestamp())) {
        repeats.increment();
        return;
      }
      context.forward(record.withValue(dead(record, "decode", e.getMessage(), e)));
      return;
    }
    if (repeatCheck
        && record.key() != null
        && repeat(record.key(), ContentHash.of(raw), record.timestamp())) {
      repeats.increment();
      LOG.debug(
          "repeat of article {} skipped: processed before with the same content", record.key());
      return;
    }
    // Only the work is guarded: a failure downstream of forward() (writing to Kafka) is not a
    // bad record and must reach Streams' own handling.
    Outcome outcome;
    long started = System.nanoTime();
    try {
      outcome = new Outcome(processor.process(raw, this), null);
    } catch (StageException e) {
      outcome = dead(record, e.stage(), e.getMessage(), e.getCause());
    } catch (RuntimeException e) {
      outcome = dead(record, "process", e.toString(), e);
    }
    processing.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
    context.forward(record.withValue(outcome));
  }

  private Outcome dead(
      FixedKeyRecord<String, byte[]> record, String stage, String reason, Throwable cause) {
    RecordMetadata meta = context.recordMetadata().orElse(null);
    LOG.warn(
        "dead letter: key={} topic={} partition={} offset={} stage={} reason={}",
        record.key(),
        meta == null ? null : meta.topic(),
        meta == null ? null : meta.partition(),
        meta == null ? null : meta.offset(),
        stage,
        reason);
    byte[] payload = record.value();
    String why = reason == null ? stage + " failed" : reason;
    if (payload.length > MAX_PAYLOAD_BYTES) {
      // A dead letter must fit on news.dlq however large the record was
      why =
          why
              + String.format(
                  java.util.Locale.ROOT,
                  " (payload: the first %,d of %,d bytes)",
                  MAX_PAYLOAD_BYTES,
                  payload.length);
      payload = java.util.Arrays.copyOf(payload, MAX_PAYLOAD_BYTES);
    }
    DeadLetter dl =
        DeadLetter.newBuilder()
            .setId(record.key())
            .setStage(stage)
            .setReason(why)
            .setErrorClass(cause == null ? null : cause.getClass().getName())
            .setSourceTopic(meta == null ? null : meta.topic())
            .setSourcePartition(meta == null ? null : meta.partition())
            .setSourceOffset(meta == null ? null : meta.offset())
            .setPayload(ByteBuffer.wrap(payload))
            .setFailedAt(clock.instant())
            .build();
    return new Outcome(null, dl);
  }
}
