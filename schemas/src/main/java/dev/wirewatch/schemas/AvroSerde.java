package dev.wirewatch.schemas;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for a generated Avro record using Avro single-object encoding ({@code C3 01}, the
 * 8-byte schema fingerprint, then the binary body).
 *
 * <p>This is the embedded mode's wire format: it needs no schema registry because the reader
 * resolves the writer's fingerprint against every version in {@link SchemaHistory}. Records written
 * with any shipped version decode into the current class.
 *
 * @param <T> the generated record class
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {
  private final Class<T> type;
  private final BinaryMessageEncoder<T> encoder;
  private final BinaryMessageDecoder<T> decoder;

  /**
   * Creates a serde whose decoder knows the current schema, every shipped historical version and
   * any extra writer schemas given.
   */
  public AvroSerde(Class<T> type, Schema current, List<Schema> extraWriterSchemas) {
    AvroTrust.ensureTrusted();
    this.type = type;
    // The generated class's own model carries its logical-type conversions (timestamps as Instant).
    SpecificData model = SpecificData.getForClass(type);
    SchemaStore.Cache store = new SchemaStore.Cache();
    for (Schema s : SchemaHistory.versions(current.getName())) {
      store.addSchema(s);
    }
    for (Schema s : extraWriterSchemas) {
      store.addSchema(s);
    }
    this.encoder = new BinaryMessageEncoder<>(model, current);
    this.decoder = new BinaryMessageDecoder<>(model, current, store);
  }

  /** The serde for {@link RawArticle}. */
  public static AvroSerde<RawArticle> rawArticle() {
    return new AvroSerde<>(RawArticle.class, RawArticle.getClassSchema(), List.of());
  }

  /** The serde for {@link Article}. */
  public static AvroSerde<Article> article() {
    return new AvroSerde<>(Article.class, Article.getClassSchema(), List.of());
  }

  /** The serde for {@link DeadLetter}. */
  public static AvroSerde<DeadLetter> deadLetter() {
    return new AvroSerde<>(DeadLetter.class, DeadLetter.getClassSchema(), List.of());
  }

  /** The serde for {@link SourceStatus}. */
  public static AvroSerde<SourceStatus> sourceStatus() {
    return new AvroSerde<>(SourceStatus.class, SourceStatus.getClassSchema(), List.of());
  }

  /** The serde for {@link Alert}. */
  public static AvroSerde<Alert> alert() {
    return new AvroSerde<>(Alert.class, Alert.getClassSchema(), List.of());
  }

  /** Encodes a record; null stays null (a tombstone). */
  public byte[] encode(T value) {
    if (value == null) {
      return null;
    }
    try {
      ByteBuffer buf = encoder.encode(value);
      byte[] out = new byte[buf.remaining()];
      buf.get(out);
      return out;
    } catch (IOException | AvroRuntimeException e) {
      throw new SerializationException(
          "cannot encode " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Decodes a record; null stays null.
   *
   * @throws SerializationException naming what is wrong with the bytes: not single-object encoded,
   *     an unknown writer schema, or a truncated or corrupt body
   */
  public T decode(byte[] data) {
    if (data == null) {
      return null;
    }
    try {
      return decoder.decode(data);
    } catch (BadHeaderException e) {
      throw new SerializationException(
          "not an Avro single-object encoded "
              + type.getSimpleName()
              + " ("
              + data.length
              + " bytes): "
              + e.getMessage(),
          e);
    } catch (MissingSchemaException e) {
      throw new SerializationException(
          type.getSimpleName()
              + " written with a schema this version does not know: "
              + e.getMessage(),
          e);
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "corrupt "
              + type.getSimpleName()
              + " record ("
              + data.length
              + " bytes): "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage()),
          e);
    }
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, value) -> encode(value);
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, data) -> decode(data);
  }
}
