package dev.wirewatch.processor;

import dev.wirewatch.processor.alert.Watches;
import dev.wirewatch.processor.story.StoryRules;
import dev.wirewatch.schemas.Topics;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link ProcessorTopology} as a Kafka Streams application with exactly-once processing: a
 * raw record's article (or dead letter) and its consumed offset commit together.
 */
public final class ProcessorService implements AutoCloseable {
  /** Consumer group and transactional-id prefix of the processor. */
  public static final String DEFAULT_APPLICATION_ID = "wirewatch-processor";

  /** The internal topic (one partition) through which every article reaches the stories task. */
  public static final String STORIES_REPARTITION_TOPIC =
      DEFAULT_APPLICATION_ID + "-stories-repartition";

  private static final Logger LOG = LoggerFactory.getLogger(ProcessorService.class);

  /** How long a member that stopped heart-beating keeps its tasks. */
  static final int SESSION_TIMEOUT_MS = 15_000;

  private final KafkaStreams streams;
  private final AtomicLong processed = new AtomicLong();

  /** Meters made before a registry is bound live here, and reach every registry bound later. */
  private final io.micrometer.core.instrument.composite.CompositeMeterRegistry meters =
      new io.micrometer.core.instrument.composite.CompositeMeterRegistry();

  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  /**
   * Stream threads replaced after a Kafka client error, at most this many in the service's life.
   */
  static final int MAX_THREAD_REPLACEMENTS = 5;

  private final java.util.concurrent.Semaphore replacements =
      new java.util.concurrent.Semaphore(MAX_THREAD_REPLACEMENTS);

  /**
   * Whether a stream thread died of the Kafka clients' own error (the broker gone, a transaction it
   * could not commit) rather than of Wirewatch's code, whose failures per record are dead letters
   * before they could get here.
   */
  static boolean kafkaClientError(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof org.apache.kafka.common.KafkaException
          && !(t instanceof org.apache.kafka.streams.errors.StreamsException)) {
        return true;
      }
    }
    return false;
  }

  /**
   * @param stateDir directory for Kafka Streams' local state
   * @param overrides Streams settings that replace the defaults below
   */
  public ProcessorService(
      String bootstrapServers,
      Topics topics,
      ArticleProcessor processor,
      Path stateDir,
      Map<String, Object> overrides) {
    this(bootstrapServers, topics, processor, () -> Watches.NONE, stateDir, overrides);
  }

  /**
   * @param watches the watches in force (asked per article, so it may reload)
   * @param stateDir directory for Kafka Streams' local state
   * @param overrides Streams settings that replace the defaults below
   */
  public ProcessorService(
      String bootstrapServers,
      Topics topics,
      ArticleProcessor processor,
      Supplier<Watches> watches,
      Path stateDir,
      Map<String, Object> overrides) {
    this(bootstrapServers, topics, processor, watches, stateDir, Options.of(overrides));
  }

  /**
   * Streams settings that replace Wirewatch's, and what the service is allowed to give up.
   *
   * @param overrides Kafka Streams settings that replace the defaults of {@link ProcessorService}
   * @param allowAtLeastOnce whether {@code processing.guarantee} may be set to {@code
   *     at_least_once}: a crash then writes some articles, dead letters and alerts twice
   * @param repeatCheck false turns the repeat check off (the fault suite's switch, so that it sees
   *     what exactly-once does without that safety net)
   */
  public record Options(
      Map<String, Object> overrides, boolean allowAtLeastOnce, boolean repeatCheck) {
    public Options {
      overrides = Map.copyOf(overrides);
      Object guarantee = overrides.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG);
      if (guarantee != null
          && !StreamsConfig.EXACTLY_ONCE_V2.equals(String.valueOf(guarantee).strip())) {
        if (!StreamsConfig.AT_LEAST_ONCE.equals(String.valueOf(guarantee).strip())) {
          throw new IllegalArgumentException(
              StreamsConfig.PROCESSING_GUARANTEE_CONFIG
                  + " must be "
                  + StreamsConfig.EXACTLY_ONCE_V2
                  + " or "
                  + StreamsConfig.AT_LEAST_ONCE
                  + ", got '"
                  + guarantee
                  + "'");
        }
        if (!allowAtLeastOnce) {
          throw new IllegalArgumentException(
              StreamsConfig.PROCESSING_GUARANTEE_CONFIG
                  + "="
                  + guarantee
                  + " gives up exactly-once processing: after a crash some articles, dead letters"
                  + " and alerts would be written twice. Allow it explicitly"
                  + " (--allow-at-least-once) if that is what you want.");
        }
      }
    }

    /** The given overrides, exactly-once kept, the repeat check on. */
    public static Options of(Map<String, Object> overrides) {
      return new Options(overrides, false, true);
    }
  }

  /**
   * @param watches the watches in force (asked per article, so it may reload)
   * @param stateDir directory for Kafka Streams' local state
   * @param options Streams settings that replace the defaults below, checked as {@link Options}
   *     says
   * @throws IllegalArgumentException when the options would weaken exactly-once without leave
   */
  public ProcessorService(
      String bootstrapServers,
      Topics topics,
      ArticleProcessor processor,
      Supplier<Watches> watches,
      Path stateDir,
      Options options) {
    Map<String, Object> overrides = options.overrides();
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, DEFAULT_APPLICATION_ID);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    // A processor that dies without leaving the group (kill -9, a lost machine) holds its tasks
    // until its session times out: 15 s rather than Kafka's 45 s, so another instance (or its
    // restart) takes over sooner. Heartbeats go every 3 s from their own thread, so only a stall
    // of the whole JVM this long would evict a live instance.
    props.put(
        StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), SESSION_TIMEOUT_MS);
    props.put(
        StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
        Topics.MAX_MESSAGE_BYTES);
    props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
    props.putAll(overrides);
    ProcessorTopology topology =
        new ProcessorTopology(
            topics, processor, watches, StoryRules.DEFAULT, Clock.systemUTC(), processed, meters);
    if (!options.repeatCheck()) {
      topology = topology.withoutRepeatCheck();
    }
    this.streams = new KafkaStreams(topology.build(), props);
    streams.setUncaughtExceptionHandler(
        (StreamsUncaughtExceptionHandler)
            e -> {
              if (kafkaClientError(e) && replacements.tryAcquire()) {
                // A broker killed mid-transaction can leave the thread's producer in a state it
                // cannot commit from (InvalidTxnStateException). Under exactly-once a new thread
                // aborts what was open and starts again from the last commit: nothing is lost or
                // doubled. A fault that keeps coming back still stops the processor.
                LOG.warn("processor thread failed, replacing it: {}", e.toString(), e);
                return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
              }
              LOG.error("processor stopped: {}", e.toString(), e);
              failure.compareAndSet(null, e);
              return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            });
  }

  /** Starts processing in the background. */
  public void start() {
    streams.start();
  }

  /** Records handled so far (articles and dead letters). */
  public long processed() {
    return processed.get();
  }

  /** The error that stopped processing, or null while healthy. */
  public Throwable failure() {
    return failure.get();
  }

  /**
   * Exports the processor's metrics: Kafka Streams' own (process rates and latencies, consumer lag
   * of news.raw, commit latency, …) and the records handled.
   */
  public void bindMetrics(io.micrometer.core.instrument.MeterRegistry registry) {
    new io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics(streams).bindTo(registry);
    meters.add(registry);
    io.micrometer.core.instrument.FunctionCounter.builder(
            "wirewatch.processor.records", processed, AtomicLong::get)
        .description("Records of news.raw handled (articles and dead letters)")
        .register(registry);
  }

  /**
   * Waits until Kafka Streams is RUNNING (its tasks assigned and their state restored): what a
   * benchmark times from.
   *
   * @throws IllegalStateException when it stopped or did not get there in time
   */
  public void awaitRunning(java.time.Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (streams.state() != KafkaStreams.State.RUNNING) {
      if (failure.get() != null
          || streams.state() == KafkaStreams.State.ERROR
          || streams.state() == KafkaStreams.State.NOT_RUNNING) {
        throw new IllegalStateException("the processor stopped: " + failure.get());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the processor is not running after " + timeout.toSeconds() + " s: " + streams.state());
      }
      Thread.sleep(10);
    }
  }

  /** The Streams state, for readiness checks. */
  public KafkaStreams.State state() {
    return streams.state();
  }

  /**
   * Stops processing and leaves the consumer group, so a restarted processor gets its partitions at
   * once instead of after the old member's session timeout (45 s by default).
   */
  @Override
  public void close() {
    streams.close(
        CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
            .withTimeout(Duration.ofSeconds(30)));
  }
}
