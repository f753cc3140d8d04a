package dev.wirewatch.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

  private static RawArticle sampleRaw() {
    return RawArticle.newBuilder()
        .setId("abc")
        .setSourceId("file")
        .setFetchedAt(Instant.ofEpochMilli(1_700_000_000_000L))
        .setTitle("Kenya to lead Haiti mission")
        .setBody("Body text.")
        .setPublishedAt(Instant.parse("2024-03-04T10:00:00Z"))
        .setMetadata(Map.of("file", "a.txt"))
        .build();
  }

  @Test
  void rawArticleRoundTrips() {
    AvroSerde<RawArticle> serde = AvroSerde.rawArticle();
    byte[] bytes = serde.serializer().serialize(Topics.RAW, sampleRaw());
    // Single-object encoding: C3 01 marker then the 8-byte fingerprint.
    assertThat(bytes[0]).isEqualTo((byte) 0xC3);
    assertThat(bytes[1]).isEqualTo((byte) 0x01);
    assertThat(serde.deserializer().deserialize(Topics.RAW, bytes)).isEqualTo(sampleRaw());
  }

  @Test
  void recordWrittenWithAnOlderSchemaDecodesWithTheCurrentOne() throws IOException {
    // Given an older RawArticle schema, before publishedAt and metadata were added.
    Schema older =
        new Schema.Parser()
            .parse(
                """
                {"type":"record","name":"RawArticle","namespace":"dev.wirewatch.schemas","fields":[
                  {"name":"id","type":"string"},
                  {"name":"sourceId","type":"string"},
                  {"name":"url","type":["null","string"],"default":null},
                  {"name":"fetchedAt","type":{"type":"long","logicalType":"timestamp-millis"}},
                  {"name":"contentType","type":"string","default":"text/plain"},
                  {"name":"title","type":["null","string"],"default":null},
                  {"name":"body","type":"string"}]}
                """);
    GenericRecord old = new GenericData.Record(older);
    old.put("id", "old-1");
    old.put("sourceId", "legacy");
    old.put("url", null);
    old.put("fetchedAt", 1_600_000_000_000L);
    old.put("contentType", "text/plain");
    old.put("title", "Old title");
    old.put("body", "Old body");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new BinaryMessageEncoder<GenericRecord>(GenericData.get(), older).encode(old, out);
    byte[] bytes = out.toByteArray();

    // When a reader that knows the older schema decodes it
    AvroSerde<RawArticle> reader =
        new AvroSerde<>(RawArticle.class, RawArticle.getClassSchema(), List.of(older));
    RawArticle decoded = reader.decode(bytes);

    // Then the new fields take their defaults
    assertThat(decoded.getId()).isEqualTo("old-1");
    assertThat(decoded.getBody()).isEqualTo("Old body");
    assertThat(decoded.getPublishedAt()).isNull();
    assertThat(decoded.getMetadata()).isEmpty();

    // And a reader that does not know that schema says so instead of misreading the bytes.
    assertThatThrownBy(() -> AvroSerde.rawArticle().decode(bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("schema this version does not know");
  }

  @Test
  void everyShippedVersionIsReadableByTheCurrentSchemaAndTheNewestIsCurrent() {
    for (Schema current :
        List.of(
            RawArticle.getClassSchema(),
            Article.getClassSchema(),
            DeadLetter.getClassSchema(),
            SourceStatus.getClassSchema(),
            Alert.getClassSchema())) {
      List<Schema> history = SchemaHistory.versions(current.getName());
      assertThat(history).as("shipped versions of %s", current.getName()).isNotEmpty();
      for (Schema writer : history) {
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(current, writer).getType())
            .as("current %s reads %s", current.getName(), writer)
            .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
      }
      // Changing a schema without shipping it as the next version would strand its records.
      // Records carry the fingerprint of the Parsing Canonical Form, so that is what must match.
      assertThat(SchemaNormalization.parsingFingerprint64(history.get(history.size() - 1)))
          .as("newest shipped version of %s is the current schema", current.getName())
          .isEqualTo(SchemaNormalization.parsingFingerprint64(current));
    }
  }

  @Test
  void garbageIsRejectedWithAClearReason() {
    AvroSerde<Article> serde = AvroSerde.article();
    assertThatThrownBy(() -> serde.decode("hello, not avro".getBytes()))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("not an Avro single-object encoded Article");
    byte[] truncated = AvroSerde.rawArticle().encode(sampleRaw());
    byte[] cut = java.util.Arrays.copyOf(truncated, 14);
    assertThatThrownBy(() -> AvroSerde.rawArticle().decode(cut))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("corrupt RawArticle");
  }

  @Test
  void idsAreStableAndDistinguishPartBoundaries() {
    assertThat(ArticleIds.ofUrl("https://example.org/a"))
        .hasSize(32)
        .isEqualTo(ArticleIds.ofUrl("https://example.org/a"));
    assertThat(ArticleIds.ofContent("s", "ab", "c"))
        .isNotEqualTo(ArticleIds.ofContent("s", "a", "bc"));
  }
}
