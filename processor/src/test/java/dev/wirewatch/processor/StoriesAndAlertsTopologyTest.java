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
    assertThat(second.getCopyOf()).isEqualTo("seed");
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

  /** The same event told by another outlet in other words (shipped beside the seed). */
  private static String[] rewrite() {
    String r = Samples.read("kenya-haiti-us-troops.txt").strip();
    int nl = r.indexOf('\n');
    return new String[] {r.substring(0, nl).strip(), r.substring(nl + 1).strip()};
  }

  @Test
  void anotherOutletsReportOfTheSameEventJoinsItsStoryAndRaisesNothing() {
    start(ShippedConfig.watches());
    String[] seed = seed();
    send("seed", seed[0], seed[1], T0);
    assertThat(alerts.readValuesToList()).extracting(Alert::getKind).containsExactly("new-story");

    String[] rewrite = rewrite();
    Article other = send("rewrite", rewrite[0], rewrite[1], T0.plus(Duration.ofHours(2)));
    assertThat(other.getStoryId()).as("the same event, in other words").isEqualTo("seed");
    assertThat(other.getCopyOf()).as("not a copy: its own words").isNull();
    assertThat(alerts.isEmpty()).as("an article that only joins a known story").isTrue();

    Article copy =
        send("copy", rewrite[0], "Share this\n\n" + rewrite[1], T0.plus(Duration.ofHours(3)));
    assertThat(copy.getStoryId()).isEqualTo("seed");
    assertThat(copy.getCopyOf()).isEqualTo("rewrite");
    assertThat(alerts.isEmpty()).isTrue();

    Article unrelated =
        send(
            "budget",
            "Council passes district budget",
            "The council approved the new budget on Tuesday after a long debate about roads and"
                + " schools in the district.",
            T0.plus(Duration.ofHours(3)));
    assertThat(unrelated.getStoryId()).as("another event: a story of its own").isEqualTo("budget");
  }

  @Test
  void afterAQuietPeriodTheSameSubjectStartsANewStory() {
    start(ShippedConfig.watches());
    String[] seed = seed();
    send("seed", seed[0], seed[1], T0);
    assertThat(alerts.readValuesToList()).hasSize(1);
    String[] rewrite = rewrite();
    Article later =
        send(
            "later",
            rewrite[0],
            rewrite[1],
            T0.plus(StoryRules.DEFAULT.quiet()).plus(Duration.ofHours(1)));
    assertThat(later.getStoryId())
        .as("the story went quiet: this starts another")
        .isEqualTo("later");
    assertThat(alerts.readValuesToList())
        .extracting(Alert::getKind, Alert::getStoryId)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("new-story", "later"));
  }

  @Test
  void aDevelopmentIsToldOnceWhenAnAlertedStoryMovesOn() {
    Watches watches =
        Watches.of(
            List.of(
                WatchDefinition.of(
                    "haiti",
                    "haiti",
                    Set.of(),
                    Set.of(),
                    Set.of(),
                    Set.of("new-story", "development"),
                    List.of("log"))),
            List.of(DeliveryTarget.of("log", "log", null, null, "secret")),
            BurstRules.DEFAULT);
    start(watches);
    String[] seed = seed();
    send("seed", seed[0], seed[1], T0);
    assertThat(alerts.readValuesToList()).extracting(Alert::getKind).containsExactly("new-story");
    String[] rewrite = rewrite();
    send("rewrite", rewrite[0], rewrite[1], T0.plus(Duration.ofMinutes(30)));
    assertThat(alerts.isEmpty()).as("more of the same is no development").isTrue();

    // Then the story moves on: the police land, articles about the arrival join the story.
    String[] arrivals = {
      "Kenyan police officers land in Haiti to begin US-funded security mission",
      "First Kenyan police contingent arrives in Port-au-Prince for Haiti mission",
      "Kenyan officers reach Haiti airport as security mission begins deployment",
      "Haiti welcomes first Kenyan police as mission deployment starts at airport"
    };
    String[] bodies = {
      "Hundreds of Kenyan police officers landed at the airport in Port-au-Prince on Tuesday,"
          + " the first contingent of the security mission to Haiti, officials said.",
      "A plane carrying the first Kenyan police contingent touched down at Toussaint Louverture"
          + " airport, where Haitian officials greeted the officers.",
      "The Kenyan officers arrived at the airport in Haiti's capital and were driven to their"
          + " base, beginning a deployment funded largely by Washington.",
      "Haitian authorities welcomed the Kenyan police at the airport as the mission's deployment"
          + " finally began after months of delay."
    };
    List<Alert> told = new java.util.ArrayList<>();
    for (int i = 0; i < arrivals.length; i++) {
      Article a = send("arrival" + i, arrivals[i], bodies[i], T0.plus(Duration.ofHours(2 + i)));
      assertThat(a.getStoryId()).isEqualTo("seed");
      told.addAll(alerts.readValuesToList());
    }
    assertThat(told).extracting(Alert::getKind).containsExactly("development");
    assertThat(told.get(0).getStoryId()).isEqualTo("seed");
    assertThat(told.get(0).getBurstSubject()).isNull();
  }

  @Test
  void aBurstCountsDistinctArticlesNotCopies() {
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
        "Grain exports from the port rose by 200 tonnes this week, traders said, as buyers from"
            + " abroad returned to the market.";
    // One article and nine copies of it in an hour: one article told ten times is no burst.
    for (int i = 0; i < 10; i++) {
      send("c" + i, "Grain exports rise", body, T0.plusSeconds(60L * i));
    }
    assertThat(alerts.isEmpty()).as("copies are counted once").isTrue();
    // Four more articles, each in its own words: five distinct articles this hour, a burst.
    for (int i = 0; i < GRAIN.length; i++) {
      send("g" + i, "Grain exports rise", GRAIN[i], T0.plusSeconds(900 + 60L * i));
    }
    List<Alert> raised = alerts.readValuesToList();
    assertThat(raised).extracting(Alert::getKind).containsExactly("burst");
    assertThat(raised.get(0).getBurstSubject()).isEqualTo("story:c0");
  }

  /** A report on grain exports in words of its own: no two are copies of each other. */
  private static String grain(int n) {
    String[] words = {
      "harbour",
      "wheat",
      "maize",
      "barley",
      "cargo",
      "vessel",
      "buyers",
      "traders",
      "dealers",
      "terminal",
      "volumes",
      "record",
      "tonnes",
      "shipments",
      "overseas",
      "neighbouring",
      "demand",
      "prices",
      "winter",
      "briefing",
      "director",
      "officials",
      "quay",
      "silo",
      "freight",
      "contracts",
      "season",
      "harvest",
      "rail",
      "trucks"
    };
    java.util.Random random = new java.util.Random(n);
    StringBuilder b = new StringBuilder("Grain exports:");
    for (int i = 0; i < 14; i++) {
      b.append(' ').append(words[random.nextInt(words.length)]);
    }
    return b.append('.').toString();
  }

  /** Reports of one event, each in other words (not copies of each other). */
  private static final String[] GRAIN = {
    "Shipments of wheat and maize leaving the harbour climbed to a record, port officials said on"
        + " Tuesday, with foreign buyers back.",
    "Dealers reported that exports of grain surged at the port as overseas demand strengthened"
        + " after a slow winter.",
    "The port handled more grain cargo this week than in any week before, its director told"
        + " reporters at a briefing.",
    "Traders said grain export volumes through the terminal jumped again, lifted by purchases"
        + " from neighbouring countries."
  };

  @Test
  void aBurstAlertsOncePerBurstOfDistinctArticles() {
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
    // Four articles in an hour: no burst yet (at least five are needed).
    for (int i = 0; i < 4; i++) {
      send("g" + i, "Grain exports rise", grain(i), T0.plusSeconds(60L * i));
    }
    assertThat(alerts.isEmpty()).isTrue();
    // The fifth starts a burst of the story: one alert. More in the same burst: none.
    send("g4", "Grain exports rise", grain(4), T0.plusSeconds(300));
    List<Alert> raised = alerts.readValuesToList();
    assertThat(raised).extracting(Alert::getKind).containsExactly("burst");
    assertThat(raised.get(0).getBurstSubject()).isEqualTo("story:g0");
    for (int i = 5; i < 12; i++) {
      send("g" + i, "Grain exports rise", grain(i), T0.plusSeconds(300 + 60L * i));
    }
    assertThat(alerts.isEmpty()).as("one alert per burst, not per article").isTrue();
    // A quiet hour ends the burst; the next burst alerts again.
    send("q", "Grain exports rise", grain(20), T0.plus(Duration.ofHours(2)));
    assertThat(alerts.isEmpty()).isTrue();
    for (int i = 0; i < 5; i++) {
      send(
          "h" + i,
          "Grain exports rise",
          grain(30 + i),
          T0.plus(Duration.ofHours(3)).plusSeconds(60L * i));
    }
    assertThat(alerts.readValuesToList()).extracting(Alert::getKind).containsExactly("burst");
  }
}
