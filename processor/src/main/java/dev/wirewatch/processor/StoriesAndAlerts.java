package dev.wirewatch.processor;

import dev.wirewatch.processor.alert.AlertEngine;
import dev.wirewatch.processor.alert.Watches;
import dev.wirewatch.processor.story.StoryIndex;
import dev.wirewatch.processor.story.StoryRules;
import dev.wirewatch.schemas.Alert;
import dev.wirewatch.schemas.Article;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Story assignment and alerting: the one task that sees every article. */
final class StoriesAndAlerts implements Processor<String, Article, String, Storied> {
  private static final Logger LOG = LoggerFactory.getLogger(StoriesAndAlerts.class);

  private final StoryRules stories;
  private final Supplier<Watches> watches;
  private final Clock clock;
  private ProcessorContext<String, Storied> context;
  private StoryIndex index;
  private AlertEngine engine;

  StoriesAndAlerts(StoryRules stories, Supplier<Watches> watches, Clock clock) {
    this.stories = stories;
    this.watches = watches;
    this.clock = clock;
  }

  @Override
  public void init(ProcessorContext<String, Storied> context) {
    this.context = context;
    this.index =
        new StoryIndex(
            context.getStateStore(ProcessorTopology.STORIES_STORE),
            stories.threshold(),
            stories.window());
    this.engine =
        new AlertEngine(context.getStateStore(ProcessorTopology.ALERTS_STORE), watches, clock);
    context.schedule(
        ProcessorTopology.EXPIRE_EVERY,
        PunctuationType.STREAM_TIME,
        now -> {
          int a = index.expire(now);
          int b = engine.expire(now, stories.window());
          LOG.info(
              "story and alert stores: forgot {} articles and {} alert entries older than their windows",
              a,
              b);
        });
  }

  @Override
  public void process(Record<String, Article> record) {
    Article article = record.value();
    StoryIndex.Assignment story =
        index.assign(article.getId(), article.getText(), record.timestamp());
    Article storied = Article.newBuilder(article).setStoryId(story.storyId()).build();
    List<Alert> alerts = engine.onArticle(storied, story, record.timestamp());
    for (Alert a : alerts) {
      LOG.info(
          "alert {} for watch {}: {} ({})",
          a.getKind(),
          a.getWatchId(),
          a.getTitle(),
          a.getDetail());
    }
    context.forward(record.withValue(new Storied(storied, alerts)));
  }
}
