package dev.wirewatch.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wirewatch.processor.alert.DeliveryTarget;
import dev.wirewatch.processor.alert.WatchDefinition;
import dev.wirewatch.processor.alert.Watches;
import dev.wirewatch.processor.alert.burst.BurstRules;
import dev.wirewatch.processor.clean.ArticleCleaner;
import dev.wirewatch.processor.lang.LanguageDetection;
import dev.wirewatch.processor.story.StoryRules;
import dev.wirewatch.schemas.Alert;
import dev.wirewatch.schemas.Article;
import dev.wirewatch.schemas.AvroSerde;
import dev.wirewatch.schemas.RawArticle;
import dev.wirewatch.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Stories and alerts in the processor's topology, on Kafka Streams' test driver. */
class StoriesAndAlertsTopologyTest {
  private static final Instant T0 = Instant.parse("2026-11-28T09:00:00Z");
  private static final LanguageDetection LANGUAGES = new LanguageDetection();
  private final Topics topics = Topics.defaults();
  private TopologyTestDriver driver;
  private TestInputTopic<String, byte[]> raw;
  private TestOutputTopic<String, Article> articles;
  private TestOutputTopic<String, Alert> alerts;

  private void start(Watches watches) {
    Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    ArticleProcessor processor =
        new ArticleProcessor(
            new ArticleCleaner(ArticleCleaner.DEFAULT_MAX_BODY_CHARS),
            ShippedConfig.tagger(),
            LANGUAGES,
            clock);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    driver =
        new TopologyTestDriver(
            new ProcessorTopology(
                    topics, processor, () -> watches, StoryRules.DEFAULT, clock, new AtomicLong())
                .build(),
            props);
    raw =
        driver.createInputTopic(
            topics.raw().name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
    articles =
        driver.createOutputTopic(
            topics.articles().name(),
            Serdes.String().deserializer(),
            topics.articles().valueSerde().deserializer());
    alerts =
        driver.createOutputTopic(
            topics.alerts().name(),
            Serdes.String().deserializer(),
            topics.alerts().valueSerde().deserializer());
  }

  @AfterEach
  void tearDown() {
    if (driver != null) {
      driver.close();
    }
  }

  private Article send(String id, String title, String body, Instant at) {
    RawArticle a =
        RawArticle.newBuilder()
            .setId(id)
            .setSourceId("file")
            .setFetchedAt(at)
            .setTitle(title)
            .setBody(body)
            .setMetadata(Map.of())
            .build();
    raw.pipeInput(id, AvroSerde.rawArticle().encode(a), at);
    return articles.readValue();
  }

  private static String[] seed() {
    String seed = Samples.seedArticle().strip();
    int nl = seed.indexOf('\n');
    return new String[] {seed.substring(0, nl).strip(), seed.substring(nl + 1).strip()};
  }

  @Test
  void theSeedRaisesOneNewStoryAlertAndANearCopyJoinsItsStoryWithoutAnother() {
    start(ShippedConfig.watches()); // kenya-haiti: 'kenya AND haiti'
    String[] seed = seed();
    Article first = send("seed", seed[0], seed[1], T0);
    assertThat(first.getStoryId()).isEqualTo("seed");
    List<Alert> raised = alerts.readValuesToList();
    assertThat(raised).hasSize(1);
    Alert alert = raised.get(0);
    assertThat(alert.getWatchId()).isEqualTo("kenya-haiti");
    assertThat(alert.getKind()).isEqualTo("new-story");
    assertThat(alert.getStoryId()).isEqualTo("seed");
    assertThat(alert.getArticleId()).isEqualTo("seed");
    assertThat(alert.getTopics()).containsExactly("haiti", "kenya", "us-aid");

    // The same story on another site: other furniture around it, another headline.
    String copy =
        "Home | World | Africa\n\nShare on Facebook\n\n"
            + seed[1].replace("Post a Comment", "")
            + "\n\nRelated stories\n\nSubscribe to our newsletter";
    Article second = send("copy", "Kenya and US: Haiti mission funds", copy, T0.plusSeconds(600));
    assertThat(second.getStoryId()).isEqualTo("seed");
    assertThat(alerts.isEmpty()).as("a copy of an alerted story raises nothing").isTrue();

    // A different story starts its own, and raises nothing unless it matches.
    Article other =
        send(
            "other",
            "Grain exports rise",
            "Grain exports from the port rose by 200 tonnes this week, traders said. "
                + "Buyers from abroad were active and prices were steady.",
            T0.plusSeconds(700));
    assertThat(other.getStoryId()).isEqualTo("other");
    assertThat(alerts.isEmpty()).isTrue();
  }

  @Test
  void exactDuplicatesAndUpdatesKeepTheirStory() {
    start(Watches.NONE);
    String body =
        "The council approved the new budget on Tuesday after a long debate about roads and schools in the district.";
    assertThat(send("a", "Budget approved", body, T0).getStoryId()).isEqualTo("a");
    assertThat(
            send("b", "Budget passes", "  " + body.toUpperCase() + " ", T0.plusSeconds(60))
                .getStoryId())
        .isEqualTo("a");
    assertThat(
            send(
                    "a",
                    "Budget approved (updated)",
                    body + " The mayor welcomed it.",
                    T0.plusSeconds(120))
                .getStoryId())
        .isEqualTo("a");
  }

  @Test
  void aStoryOutsideTheWindowStartsAgain() {
    start(Watches.NONE);
    String body =
        "The council approved the new budget on Tuesday after a long debate about roads and schools in the district.";
    assertThat(send("a", "Budget", body, T0).getStoryId()).isEqualTo("a");
    assertThat(send("b", "Budget", body, T0.plus(Duration.ofDays(8))).getStoryId()).isEqualTo("b");
  }

  @Test
  void aBurstAlertsOncePerBurst() {
    // targets: [{id: log, type: log}]
    // watches: [{id: grain, query: 'grain', alerts: [burst], deliver: [log]}]
    // burst: {minCount: 5, sigmas: 3, baselineDays: 14}
    Watches watches =
        Watches.of(
            List.of(
                WatchDefinition.of(
                    "grain",
                    "grain",
                    Set.of(),
                    Set.of(),
                    Set.of(),
                    Set.of("burst"),
                    List.of("log"))),
            List.of(DeliveryTarget.of("log", "log", null, null, "secret")),
            new BurstRules(5, 3, 14));
    start(watches);
    String body =
        "Grain exports from the port rose by 200 tonnes this week, traders said, as buyers from abroad returned to the market.";
    // Four copies in an hour: no burst yet (at least five are needed).
    for (int i = 0; i < 4; i++) {
      send("g" + i, "Grain exports rise", body, T0.plusSeconds(60L * i));
    }
    assertThat(alerts.isEmpty()).isTrue();
    // The fifth starts a burst of the story: one alert. More copies in the same burst: none.
    send("g4", "Grain exports rise", body, T0.plusSeconds(300));
    List<Alert> raised = alerts.readValuesToList();
    assertThat(raised).extracting(Alert::getKind).containsExactly("burst");
    assertThat(raised.get(0).getBurstSubject()).isEqualTo("story:g0");
    for (int i = 5; i < 12; i++) {
      send("g" + i, "Grain exports rise", body, T0.plusSeconds(300 + 60L * i));
    }
    assertThat(alerts.isEmpty()).as("one alert per burst, not per article").isTrue();
    // A quiet hour ends the burst; the next burst alerts again.
    send("q", "Grain exports rise", body, T0.plus(Duration.ofHours(2)));
    assertThat(alerts.isEmpty()).isTrue();
    for (int i = 0; i < 5; i++) {
      send("h" + i, "Grain exports rise", body, T0.plus(Duration.ofHours(3)).plusSeconds(60L * i));
    }
    assertThat(alerts.readValuesToList()).extracting(Alert::getKind).containsExactly("burst");
  }
}
