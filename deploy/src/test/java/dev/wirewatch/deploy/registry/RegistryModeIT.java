package dev.wirewatch.deploy.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wirewatch.deploy.cli.Main;
import dev.wirewatch.deploy.command.ExitCodes;
import dev.wirewatch.deploy.config.TopicsFile;
import dev.wirewatch.deploy.pipeline.Pipeline;
import dev.wirewatch.indexer.search.ArticleSearcher;
import dev.wirewatch.indexer.search.Highlight;
import dev.wirewatch.indexer.search.IndexStats;
import dev.wirewatch.indexer.search.SearchResult;
import dev.wirewatch.processor.ArticleProcessor;
import dev.wirewatch.processor.alert.Watches;
import dev.wirewatch.schemas.Article;
import dev.wirewatch.schemas.AvroSerde;
import dev.wirewatch.schemas.RegistrySerde;
import dev.wirewatch.schemas.SchemaRegistration;
import dev.wirewatch.schemas.SchemaRegistration.RegistrationException;
import dev.wirewatch.schemas.Topics;
import dev.wirewatch.schemas.WireFormat;
import dev.wirewatch.testlib.TestBroker;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.IndexSearcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Registry mode against a real Apicurio Registry 3.0.9 server (Maven Central's zip, started on
 * 127.0.0.1) and the embedded broker: registration with BACKWARD compatibility, the whole pipeline
 * in the Confluent wire format, what a plain Confluent-style reader sees, historical writer
 * schemas, and how failures are told apart.
 */
class RegistryModeIT {
  private static final int WIRE_ARTICLES = 40;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static ApicurioServer registry;
  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path brokerDir;
  @TempDir Path data;
  @TempDir Path inputs;

  @BeforeAll
  static void startRegistry() throws Exception {
    registry = ApicurioServer.start();
  }

  @AfterAll
  static void stopRegistry() throws Exception {
    if (registry != null) {
      registry.close();
    }
  }

  private record Run(int exit, String out, String err) {}

  private static Run cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(exit, out.toString(), err.toString());
  }

  private JsonNode ccompat(String path) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(registry.baseUrl() + "/apis/ccompat/v7" + path))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private static ArticleProcessor processor() {
    return ArticleProcessor.standard(TopicsFile.bundled());
  }

  @Test
  void pipelineRoundTripsInTheConfluentWireFormat() throws Exception {
    String url = registry.baseUrl();
    // Before registration: a service refuses to start, naming the subjects and the fix.
    Run check = cli("schemas", "check", "--registry-url", url);
    assertThat(check.exit()).isEqualTo(ExitCodes.FAILURE);
    assertThat(check.err()).contains("news.raw-value", "news.articles-value", "schemas register");
    Files.copy(
        Path.of("..", "samples", "seed-article-haiti-kenya.txt"), inputs.resolve("seed.txt"));
    try (TestBroker kafka = TestBroker.start(brokerDir, 0)) {
      Run refused =
          cli(
              "ingest",
              "--data-dir",
              data.toString(),
              "--bootstrap-servers",
              kafka.bootstrapServers(),
              "--serde",
              "registry",
              "--registry-url",
              url,
              "--input",
              inputs.resolve("seed.txt").toString());
      assertThat(refused.exit()).isEqualTo(ExitCodes.FAILURE);
      assertThat(refused.err())
          .contains("lacks this version's schema", "news.raw-value", "schemas register")
          .doesNotContain("Exception");

      // Registration: five subjects, BACKWARD on each.
      Run register = cli("schemas", "register", "--registry-url", url);
      assertThat(register.exit()).as(register.err()).isZero();
      assertThat(register.out())
          .contains(
              "news.raw-value",
              "news.articles-value",
              "news.dlq-value",
              "news.source-status-value",
              "news.alerts-value",
              "compatibility BACKWARD");
      assertThat(ccompat("/config/news.articles-value").get("compatibilityLevel").asText())
          .isEqualTo("BACKWARD");
      assertThat(cli("schemas", "check", "--registry-url", url).exit()).isZero();
      // Every shipped version of Article, oldest first (records written by older releases stay
      // readable); registering again changes nothing.
      int articleVersions = dev.wirewatch.schemas.SchemaHistory.versions("Article").size();
      assertThat(articleVersions).isGreaterThanOrEqualTo(2);
      assertThat(ccompat("/subjects/news.articles-value/versions").size())
          .isEqualTo(articleVersions);
      assertThat(cli("schemas", "register", "--registry-url", url).exit()).isZero();
      assertThat(ccompat("/subjects/news.articles-value/versions").size())
          .isEqualTo(articleVersions);

      List<String> lines = new ArrayList<>();
      for (int i = 0; i < WIRE_ARTICLES; i++) {
        lines.add(
            "{\"id\":\"w"
                + i
                + "\",\"source\":\"wire\",\"title\":\"Report "
                + i
                + "\",\"body\":\""
                + (i % 4 == 0
                    ? "Kenya's police commander spoke in Nairobi about report " + i + "."
                    : "Grain exports rose by " + i + " tonnes this week.")
                + "\"}");
      }
      Files.write(inputs.resolve("wire.jsonl"), lines);
      Files.writeString(
          inputs.resolve("script-only.html"), "<html><body><script>app()</script></body></html>");

      Topics topics = Topics.defaults(WireFormat.Registry.of(url));
      try (Pipeline pipeline =
          Pipeline.start(
              kafka.bootstrapServers(), data, topics, processor(), () -> Watches.NONE, (short) 1)) {
        assertThat(pipeline.importPaths(List.of(inputs)).published()).isEqualTo(WIRE_ARTICLES + 2);
        pipeline.awaitDrained(Duration.ofMinutes(2), p -> {});
      }

      // The index holds everything, the seed tagged as always, the empty page a dead letter.
      try (IndexReader reader =
          dev.wirewatch.indexer.store.ShardedIndex.openReader(data.resolve("index"))) {
        IndexSearcher searcher = new IndexSearcher(reader);
        ArticleSearcher articles = new ArticleSearcher();
        IndexStats stats = articles.stats(searcher);
        assertThat(stats.articles()).isEqualTo(WIRE_ARTICLES + 1);
        assertThat(stats.deadLetters()).isEqualTo(1);
        SearchResult seed = articles.search(searcher, "kenyan police haiti", 10, Highlight.HTML);
        assertThat(seed.hits().get(0).topics()).containsExactly("haiti", "kenya", "us-aid");
        assertThat(seed.hits().get(0).text()).doesNotContain("Post a Comment");
      }

      // On the wire: byte 0, the registered schema's id, the Avro body — readable by anyone who
      // fetches the writer schema by id from the Confluent-compatible API.
      int articleId = ccompat("/subjects/news.articles-value/versions/latest").get("id").asInt();
      List<ConsumerRecord<String, byte[]>> written =
          readAll(kafka.bootstrapServers(), Topics.ARTICLES, topics.articles().partitions());
      assertThat(written).hasSizeGreaterThanOrEqualTo(WIRE_ARTICLES + 1);
      Schema writer =
          new Schema.Parser().parse(ccompat("/schemas/ids/" + articleId).get("schema").asText());
      for (ConsumerRecord<String, byte[]> r : written) {
        ByteBuffer b = ByteBuffer.wrap(r.value());
        assertThat(b.get()).isEqualTo((byte) 0);
        assertThat(b.getInt()).isEqualTo(articleId);
        GenericRecord g =
            new GenericDatumReader<GenericRecord>(writer)
                .read(
                    null,
                    DecoderFactory.get().binaryDecoder(r.value(), 5, r.value().length - 5, null));
        assertThat(g.get("id").toString()).isEqualTo(r.key());
      }
      int dlqId = ccompat("/subjects/news.dlq-value/versions/latest").get("id").asInt();
      List<ConsumerRecord<String, byte[]>> dead = readAll(kafka.bootstrapServers(), Topics.DLQ, 1);
      assertThat(dead).hasSize(1);
      assertThat(ByteBuffer.wrap(dead.get(0).value(), 1, 4).getInt()).isEqualTo(dlqId);

      // A reader left in embedded mode says what it got instead of decoding garbage.
      assertThatThrownBy(() -> AvroSerde.article().decode(written.get(0).value()))
          .isInstanceOf(SerializationException.class)
          .hasMessageContaining("not an Avro single-object encoded Article");
    }
  }

  @Test
  void anIncompatibleSchemaIsRefusedWithTheRegistrysReason() {
    WireFormat.Registry reg = WireFormat.Registry.of(registry.baseUrl());
    SchemaRegistration registration = new SchemaRegistration(reg, Duration.ofSeconds(10));
    registration.registerAll(Topics.defaults(reg));

    // A new field without a default: today's readers could not read yesterday's records.
    Schema breaking =
        withField(Article.getClassSchema(), "{\"name\":\"sentiment\",\"type\":\"double\"}");
    assertThatThrownBy(() -> registration.register("news.articles-value", breaking))
        .isInstanceOf(RegistrationException.class)
        .hasMessageContaining("news.articles-value")
        .hasMessageContaining("incompatible");
    // With a default it is a compatible evolution, and accepted (on a scratch subject).
    registration.register("scratch.articles-value", Article.getClassSchema());
    registration.setCompatibility("scratch.articles-value", SchemaRegistration.COMPATIBILITY);
    Schema evolved =
        withField(
            Article.getClassSchema(),
            "{\"name\":\"sentiment\",\"type\":\"double\",\"default\":0.0}");
    assertThat(registration.register("scratch.articles-value", evolved))
        .isNotEqualTo(registration.register("scratch.articles-value", Article.getClassSchema()));
  }

  @Test
  void aRecordWrittenWithAnOlderSchemaDecodesIntoTodaysClass() throws Exception {
    WireFormat.Registry reg = WireFormat.Registry.of(registry.baseUrl());
    SchemaRegistration registration = new SchemaRegistration(reg, Duration.ofSeconds(10));
    // An older Article: no byline, places or storyId (all have defaults in today's schema).
    Schema older = without(Article.getClassSchema(), List.of("byline", "places", "storyId"));
    int olderId = registration.register("history.articles-value", older);

    GenericRecord old = new GenericData.Record(older);
    old.put("id", "old-1");
    old.put("sourceId", "archive");
    old.put("title", "Written before stories existed");
    old.put("text", "Kenyan police arrived in Port-au-Prince.");
    old.put("topics", List.of("haiti"));
    old.put("ingestedAt", 1_700_000_000_000L);
    old.put("processedAt", 1_700_000_001_000L);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(0);
    bytes.write(ByteBuffer.allocate(4).putInt(olderId).array());
    BinaryEncoder enc = EncoderFactory.get().binaryEncoder(bytes, null);
    new GenericDatumWriter<GenericRecord>(older).write(old, enc);
    enc.flush();

    Deserializer<Article> reader = Topics.defaults(reg).articles().valueSerde().deserializer();
    Article a = reader.deserialize("history.articles", bytes.toByteArray());
    assertThat(a.getId()).isEqualTo("old-1");
    assertThat(a.getTitle()).isEqualTo("Written before stories existed");
    assertThat(a.getPlaces()).isEmpty();
    assertThat(a.getStoryId()).isNull();
    assertThat(a.getIngestedAt()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));

    // A schema id the registry never issued is a bad record (dead letter), named as such.
    byte[] unknown = bytes.toByteArray().clone();
    ByteBuffer.wrap(unknown).putInt(1, 987_654);
    assertThatThrownBy(() -> reader.deserialize("history.articles", unknown))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("987654");
    // So are bytes that are not in the wire format at all.
    assertThatThrownBy(() -> reader.deserialize("history.articles", "{\"json\":true}".getBytes()))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("not a Confluent wire-format Article");
  }

  @Test
  void anUnreachableRegistryIsNotABadRecord() throws Exception {
    int closedPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    String down = "http://127.0.0.1:" + closedPort;
    Deserializer<Article> reader =
        Topics.defaults(WireFormat.Registry.of(down)).articles().valueSerde().deserializer();
    byte[] framed = {0, 0, 0, 0, 1, 2, 'a'};
    // The stage must stop or retry, not send a good record to the dead-letter topic.
    assertThatThrownBy(() -> reader.deserialize(Topics.ARTICLES, framed))
        .isInstanceOf(RegistrySerde.RegistryUnavailableException.class)
        .isNotInstanceOf(SerializationException.class)
        .hasMessageContaining(down);
    Run register = cli("schemas", "register", "--registry-url", down);
    assertThat(register.exit()).isEqualTo(ExitCodes.FAILURE);
    assertThat(register.err()).contains("cannot be reached").doesNotContain("\tat ");
    Run badUrl = cli("schemas", "register", "--registry-url", "ftp://example");
    assertThat(badUrl.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(badUrl.err()).contains("ftp://example");
  }

  private static Schema withField(Schema s, String fieldJson) throws RuntimeException {
    try {
      com.fasterxml.jackson.databind.node.ObjectNode json =
          (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(s.toString());
      ((com.fasterxml.jackson.databind.node.ArrayNode) json.get("fields"))
          .add(JSON.readTree(fieldJson));
      return new Schema.Parser().parse(json.toString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Schema without(Schema s, List<String> fields) {
    try {
      com.fasterxml.jackson.databind.node.ObjectNode json =
          (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(s.toString());
      com.fasterxml.jackson.databind.node.ArrayNode kept = JSON.createArrayNode();
      json.get("fields")
          .forEach(
              f -> {
                if (!fields.contains(f.get("name").asText())) {
                  kept.add(f);
                }
              });
      json.set("fields", kept);
      return new Schema.Parser().parse(json.toString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<ConsumerRecord<String, byte[]>> readAll(
      String bootstrap, String topic, int partitions) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> c =
        new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> tps = new ArrayList<>();
      for (int i = 0; i < partitions; i++) {
        tps.add(new TopicPartition(topic, i));
      }
      c.assign(tps);
      c.seekToBeginning(tps);
      Map<TopicPartition, Long> ends = c.endOffsets(tps);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (tps.stream().anyMatch(tp -> c.position(tp) < ends.get(tp))
          && System.nanoTime() < deadline) {
        c.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }
}
