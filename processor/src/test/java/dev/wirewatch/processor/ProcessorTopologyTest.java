package dev.wirewatch.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wirewatch.processor.clean.ArticleCleaner;
import dev.wirewatch.processor.lang.LanguageDetection;
import dev.wirewatch.schemas.Article;
import dev.wirewatch.schemas.AvroSerde;
import dev.wirewatch.schemas.DeadLetter;
import dev.wirewatch.schemas.RawArticle;
import dev.wirewatch.schemas.Topics;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProcessorTopologyTest {
  private static final Instant NOW = Instant.parse("2026-11-28T09:00:00Z");

  /** Loading the language profiles takes a second: one detector for the class. */
  private static final LanguageDetection LANGUAGES = new LanguageDetection();

  private final Topics topics = Topics.defaults();
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private TopologyTestDriver driver;
  private TestInputTopic<String, byte[]> raw;
  private TestOutputTopic<String, Article> articles;
  private TestOutputTopic<String, DeadLetter> dlq;

  @BeforeEach
  void setUp() {
    driver =
        new TopologyTestDriver(
            new ProcessorTopology(topics, processor(), clock, new AtomicLong()).build(),
            props("test"));
    raw =
        driver.createInputTopic(
            topics.raw().name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
    articles =
        driver.createOutputTopic(
            topics.articles().name(),
            Serdes.String().deserializer(),
            topics.articles().valueSerde().deserializer());
    dlq =
        driver.createOutputTopic(
            topics.dlq().name(),
            Serdes.String().deserializer(),
            topics.dlq().valueSerde().deserializer());
  }

  private ArticleProcessor processor() {
    return new ArticleProcessor(
        new ArticleCleaner(ArticleCleaner.DEFAULT_MAX_BODY_CHARS),
        ShippedConfig.tagger(),
        LANGUAGES,
        clock);
  }

  private static Properties props(String applicationId) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    return props;
  }

  @AfterEach
  void tearDown() {
    driver.close();
  }

  private void send(RawArticle a) {
    raw.pipeInput(a.getId(), AvroSerde.rawArticle().encode(a));
  }

  private static RawArticle.Builder rawArticle(String id, String title, String body) {
    return RawArticle.newBuilder()
        .setId(id)
        .setSourceId("file")
        .setFetchedAt(NOW.minusSeconds(5))
        .setTitle(title)
        .setBody(body)
        .setMetadata(Map.of());
  }

  @Test
  void seedArticleIsCleanedAndTaggedHaitiKenyaUsAid() {
    // Given the seed article as the file importer publishes it: first line title, rest body
    String seed = Samples.seedArticle().strip();
    int nl = seed.indexOf('\n');
    send(rawArticle("seed", seed.substring(0, nl).strip(), seed.substring(nl + 1).strip()).build());

    // Then exactly one article and no dead letter
    assertThat(dlq.isEmpty()).isTrue();
    var out = articles.readKeyValue();
    assertThat(articles.isEmpty()).isTrue();
    Article a = out.value;
    assertThat(out.key).isEqualTo("seed");
    assertThat(a.getTitle()).isEqualTo("William Ruto and Joe Biden");
    assertThat(a.getTopics()).containsExactly("haiti", "kenya", "us-aid");
    assertThat(a.getPlaces()).containsExactlyInAnyOrder("HT", "KE", "US");
    assertThat(a.getStoryId()).isEqualTo("seed");
    assertThat(a.getText())
        .contains("Multinational Security Support Mission", "Ksh28.7 billion")
        .startsWith("The administration of US President Joe Biden")
        .endsWith("as regulated by our courts,\" said Ruto.")
        .doesNotContain(
            "Post a Comment", "Previous Post", "Adblocker", "bana.co.ke", "What is your say");
    // Every paragraph of the story survives, separated by one blank line.
    assertThat(a.getText().split("\n\n")).hasSize(13);
    assertThat(a.getLanguage()).isEqualTo("en");
    assertThat(a.getProcessedAt()).isEqualTo(NOW);
    assertThat(a.getIngestedAt()).isEqualTo(NOW.minusSeconds(5));
  }

  @Test
  void htmlIsExtractedAndItsMetadataKept() {
    String html =
        """
        <html lang="en-GB"><head><title>Kenyan police land in Port-au-Prince | Daily Wire Copy</title>
        <link rel="canonical" href="https://news.example.org/kenya-haiti">
        <meta property="article:published_time" content="2024-06-25T18:00:00+03:00">
        <meta name="author" content="A. Reporter"></head>
        <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
        <article><h1>Kenyan police land in Port-au-Prince</h1>
        <p>The first contingent of Kenyan police arrived in Haiti on Tuesday.</p>
        <div class="share-bar">Share on Facebook</div>
        <p>They lead a multinational mission approved by the UN.</p></article>
        <footer>Copyright 2024 Example News</footer>
        <script>alert('x')</script></body></html>
        """;
    send(rawArticle("h1", null, html).setContentType("text/html").build());
    Article a = articles.readValue();
    assertThat(a.getTitle()).isEqualTo("Kenyan police land in Port-au-Prince");
    assertThat(a.getText())
        .isEqualTo(
            "The first contingent of Kenyan police arrived in Haiti on Tuesday.\n\n"
                + "They lead a multinational mission approved by the UN.");
    assertThat(a.getCanonicalUrl()).isEqualTo("https://news.example.org/kenya-haiti");
    assertThat(a.getByline()).isEqualTo("A. Reporter");
    assertThat(a.getLanguage()).isEqualTo("en");
    assertThat(a.getPublishedAt()).isEqualTo(Instant.parse("2024-06-25T15:00:00Z"));
    assertThat(a.getTopics()).containsExactly("haiti", "kenya");
  }

  @Test
  void poisonPillGoesToTheDlqWithItsBytesAndTheStreamGoesOn() {
    byte[] garbage = "definitely not avro".getBytes();
    raw.pipeInput("bad-1", garbage);
    send(
        rawArticle("empty", "Only markup", "<html><body><script>x()</script></body></html>")
            .setContentType("text/html")
            .build());
    send(
        rawArticle("ok", "Kenya votes", "Kenyans went to the polls in Nairobi on Tuesday.")
            .build());

    List<DeadLetter> dead = dlq.readValuesToList();
    assertThat(dead).extracting(DeadLetter::getId).containsExactly("bad-1", "empty");
    assertThat(dead.get(0).getStage()).isEqualTo("decode");
    assertThat(dead.get(0).getReason()).contains("not an Avro single-object encoded RawArticle");
    assertThat(dead.get(0).getPayload().array()).isEqualTo(garbage);
    assertThat(dead.get(0).getSourceTopic()).isEqualTo(Topics.RAW);
    assertThat(dead.get(0).getSourceOffset()).isEqualTo(0L);
    assertThat(dead.get(1).getStage()).isEqualTo("clean");
    assertThat(dead.get(1).getReason())
        .isEqualTo("no article text left after removing markup and site furniture");
    assertThat(articles.readValuesToList()).extracting(Article::getId).containsExactly("ok");
  }

  @Test
  void linesASourceRepeatsInMostArticlesAreLearnedAndDroppedForThatSourceOnly() {
    String template = "Follow The Daily Example on Twitter and Facebook for more updates.";
    for (int i = 0; i < 12; i++) {
      send(
          rawArticle(
                  "a" + i,
                  "Story " + i,
                  "Report number "
                      + i
                      + " on the budget debate, with its own details.\n\n"
                      + template)
              .setSourceId("daily-example")
              .build());
    }
    send(
        rawArticle("b1", "Other site", "Another site's report on the budget debate.\n\n" + template)
            .setSourceId("other")
            .build());
    List<Article> out = articles.readValuesToList();
    assertThat(out.get(0).getText()).endsWith(template);
    assertThat(out.get(9).getText()).endsWith(template); // the tenth: still learning
    assertThat(out.get(10).getText())
        .isEqualTo("Report number 10 on the budget debate, with its own details.");
    assertThat(out.get(11).getText()).doesNotContain("Follow The Daily Example");
    assertThat(out.get(12).getText()).endsWith(template); // another source has its own templates
  }

  @Test
  void aCreoleArticleIsCreoleAndTaggedInCreole() {
    send(
        rawArticle(
                "ht",
                "Polis kenyan yo rive Ayiti",
                "Yon premye gwoup polis kenyan rive Pòtoprens madi. Etazini bay 300 milyon dola"
                    + " pou misyon an ann Ayiti.")
            .build());
    Article a = articles.readValue();
    assertThat(a.getLanguage()).isEqualTo("ht");
    assertThat(a.getTopics()).containsExactly("haiti", "kenya", "us-aid");
    assertThat(a.getPlaces()).containsExactlyInAnyOrder("HT", "KE");
  }

  @Test
  void aTextTooShortToTellIsUndeterminedNotAnError() {
    send(rawArticle("short", "Qwx", "Zorblat.").build());
    assertThat(dlq.isEmpty()).isTrue();
    assertThat(articles.readValue().getLanguage()).isEqualTo("und");
    // With too little text to tell, the source's language hint counts, by its primary subtag.
    send(
        rawArticle("declared", "Titre", "Un texte.")
            .setMetadata(Map.of("language", "fr-HT"))
            .build());
    assertThat(articles.readValue().getLanguage()).isEqualTo("fr");
  }

  @Test
  void aTitleIsTextWithItsEntitiesDecodedOnce() {
    send(
        rawArticle(
                "texaco",
                "TEXACO &lt;TX> GETS\u0003  COURT &amp; BANK APPROVAL",
                "Texaco Inc said the court and its banks approved the plan, which the company said"
                    + " would let it continue operating normally while the case goes on.")
            .build());
    assertThat(articles.readValue().getTitle()).isEqualTo("TEXACO <TX> GETS COURT & BANK APPROVAL");
  }

  @Test
  void articleNotAboutAnyTopicHasNoTopics() {
    send(
        rawArticle(
                "cocoa",
                "Bahia cocoa review",
                "Showers continued throughout the week in the Bahia cocoa zone.")
            .build());
    assertThat(articles.readValue().getTopics()).isEmpty();
  }

  @Test
  void aRepeatOfAnUnchangedArticleIsSkippedButAChangedOneIsProcessedAgain() {
    RawArticle first =
        rawArticle("r1", "Kenya votes", "Kenyans went to the polls in Nairobi on Tuesday.").build();
    send(first);
    // The same article fetched again later (an ingester restarted before it recorded the publish)
    send(RawArticle.newBuilder(first).setFetchedAt(NOW.plusSeconds(60)).build());
    // The same id with new content: an update, processed again
    send(
        RawArticle.newBuilder(first)
            .setBody("Kenyans went to the polls in Nairobi on Tuesday; turnout was high.")
            .build());
    // A bad record sent twice is one dead letter; an empty page sent twice too
    raw.pipeInput("bad-1", "not avro".getBytes());
    raw.pipeInput("bad-1", "not avro".getBytes());
    RawArticle empty =
        rawArticle("empty", "Only markup", "<html><body><script>x()</script></body></html>")
            .setContentType("text/html")
            .build();
    send(empty);
    send(empty);

    assertThat(articles.readValuesToList())
        .extracting(Article::getText)
        .containsExactly(
            "Kenyans went to the polls in Nairobi on Tuesday.",
            "Kenyans went to the polls in Nairobi on Tuesday; turnout was high.");
    assertThat(dlq.readValuesToList())
        .extracting(DeadLetter::getId)
        .containsExactly("bad-1", "empty");
  }

  @Test
  void aRecordOverTheTopicsLimitIsADeadLetterWithAPayloadThatFitsOnTheDlq() {
    byte[] huge = new byte[CleanAndTag.MAX_RECORD_BYTES + 1];
    java.util.Arrays.fill(huge, (byte) 'x');
    raw.pipeInput("huge", huge);
    // one just under the limit but not Avro: decoded (and refused), its dead letter cut too
    raw.pipeInput("big", new byte[CleanAndTag.MAX_PAYLOAD_BYTES + 10]);
    List<DeadLetter> dead = dlq.readValuesToList();
    assertThat(dead).extracting(DeadLetter::getId).containsExactly("huge", "big");
    assertThat(dead.get(0).getReason())
        .startsWith("not decoded: a record of 16,777,217 bytes, over the limit of 16,777,216");
    assertThat(dead)
        .allSatisfy(
            d -> {
              assertThat(d.getPayload().remaining()).isEqualTo(CleanAndTag.MAX_PAYLOAD_BYTES);
              assertThat(d.getReason()).contains("(payload: the first 1,048,576 of ");
            });
    assertThat(articles.isEmpty()).isTrue();
  }

  @Test
  void withoutTheRepeatCheckEveryRecordIsProcessed() {
    try (TopologyTestDriver unchecked =
        new TopologyTestDriver(
            new ProcessorTopology(topics, processor(), clock, new AtomicLong())
                .withoutRepeatCheck()
                .build(),
            props("test-no-repeat-check"))) {
      var in =
          unchecked.createInputTopic(
              topics.raw().name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
      var out =
          unchecked.createOutputTopic(
              topics.articles().name(),
              Serdes.String().deserializer(),
              topics.articles().valueSerde().deserializer());
      RawArticle a =
          rawArticle("r1", "Kenya votes", "Kenyans went to the polls in Nairobi on Tuesday.")
              .build();
      in.pipeInput(a.getId(), AvroSerde.rawArticle().encode(a));
      in.pipeInput(a.getId(), AvroSerde.rawArticle().encode(a));
      assertThat(out.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("r1", "r1");
    }
  }

  @Test
  void theRepeatCheckForgetsArticlesOlderThanTheStoryWindow() {
    RawArticle a =
        rawArticle("old", "Kenya votes", "Kenyans went to the polls in Nairobi on Tuesday.")
            .build();
    long t0 = NOW.toEpochMilli();
    raw.pipeInput(a.getId(), AvroSerde.rawArticle().encode(a), t0);
    // Stream time moves past the window (and the expiry schedule) with other articles
    long later =
        t0
            + dev.wirewatch.processor.story.StoryRules.DEFAULT.window().toMillis()
            + java.time.Duration.ofHours(7).toMillis();
    RawArticle b =
        rawArticle("other", "Grain", "Grain exports from the port rose by 200 tonnes this week.")
            .build();
    raw.pipeInput(b.getId(), AvroSerde.rawArticle().encode(b), later);
    raw.pipeInput(a.getId(), AvroSerde.rawArticle().encode(a), later + 1);
    assertThat(articles.readValuesToList())
        .extracting(Article::getId)
        .containsExactly("old", "other", "old");
  }
}
