package dev.wirewatch.processor;

import dev.wirewatch.processor.alert.AlertEngine;
import dev.wirewatch.processor.alert.Watches;
import dev.wirewatch.processor.story.StoryEngine;
import dev.wirewatch.processor.story.StoryRules;
import dev.wirewatch.processor.story.StoryState;
import dev.wirewatch.schemas.Alert;
import dev.wirewatch.schemas.Article;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Story assignment and alerting: the one task that sees every article. */
final class StoriesAndAlerts implements Processor<String, Article, String, Storied> {
  private static final Logger LOG = LoggerFactory.getLogger(StoriesAndAlerts.class);

  /** A publication time this far past the record's own time is not believed. */
  private static final long FUTURE_SLACK_MS = Duration.ofDays(1).toMillis();

  private final StoryRules stories;
  private final Supplier<Watches> watches;
  private final Clock clock;
  private ProcessorContext<String, Storied> context;
  private StoryEngine engine;
  private AlertEngine alerts;

  StoriesAndAlerts(StoryRules stories, Supplier<Watches> watches, Clock clock) {
    this.stories = stories;
    this.watches = watches;
    this.clock = clock;
  }

  @Override
  public void init(ProcessorContext<String, Storied> context) {
    this.context = context;
    this.engine =
        new StoryEngine(
            StoryState.of(
                context.<KeyValueStore<String, byte[]>>getStateStore(
                    ProcessorTopology.STORIES_STORE)),
            StoryState.of(
                context.<KeyValueStore<String, byte[]>>getStateStore(
                    ProcessorTopology.EVENTS_STORE)),
            stories);
    this.alerts =
        new AlertEngine(
            context.getStateStore(ProcessorTopology.ALERTS_STORE), watches, clock, engine::profile);
    context.schedule(
        ProcessorTopology.EXPIRE_EVERY,
        PunctuationType.STREAM_TIME,
        now -> {
          int[] forgotten = engine.expire(now);
          int b = alerts.expire(now, stories.window());
          LOG.info(
              "story and alert stores: forgot {} articles, {} stories and {} alert entries older"
                  + " than their windows",
              forgotten[0],
              forgotten[1],
              b);
        });
  }

  @Override
  public void process(Record<String, Article> record) {
    Article article = record.value();
    StoryEngine.Assignment story =
        engine.assign(
            article.getId(),
            article.getTitle(),
            article.getText(),
            article.getPlaces(),
            storyTime(article, record.timestamp()));
    Article storied =
        Article.newBuilder(article).setStoryId(story.storyId()).setCopyOf(story.copyOf()).build();
    List<Alert> raised = alerts.onArticle(storied, story, record.timestamp());
    for (Alert a : raised) {
      LOG.info(
          "alert {} for watch {}: {} ({})",
          a.getKind(),
          a.getWatchId(),
          a.getTitle(),
          a.getDetail());
    }
    context.forward(record.withValue(new Storied(storied, raised)));
  }

  /**
   * When the article happened, for grouping it with others: its publication time when it has one
   * that is not in the future of its record, else the record's time.
   */
  static long storyTime(Article article, long recordTime) {
    Instant published = article.getPublishedAt();
    if (published != null && published.toEpochMilli() <= recordTime + FUTURE_SLACK_MS) {
      return published.toEpochMilli();
    }
    return recordTime;
  }
}
