package dev.wirewatch.schemas;

import io.apicurio.registry.resolver.config.SchemaResolverConfig;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.apicurio.registry.serde.kafka.config.KafkaSerdeConfig;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for a generated Avro record in the Confluent wire format (byte 0, a 4-byte schema id,
 * the Avro binary body), with schemas held by an Apicurio Registry and resolved by Apicurio's own
 * Kafka serdes.
 *
 * <p>Auto-registration is off: a producer only writes with a schema that {@code bin/wirewatch
 * schemas register} put under the topic's subject ({@code <topic>-value}), so the registry's
 * compatibility rule is checked once, by an operator, not by whichever producer starts first.
 * Readers decode any registered writer schema into the current generated class (Avro schema
 * resolution), so every historical version stays readable.
 *
 * <p>Errors are split the way callers must treat them: bytes that are not a record of this type
 * (wrong framing, a schema id the registry does not know, a corrupt body) raise {@link
 * SerializationException}, which a stage sends to the dead-letter topic; a registry that cannot be
 * reached raises {@link RegistryUnavailableException}, which must stop or retry the stage instead,
 * because the record itself is fine.
 *
 * @param <T> the generated record class
 */
public final class RegistrySerde<T extends SpecificRecord> implements Serde<T> {
  private final WireFormat.Registry registry;
  private final Class<T> type;

  RegistrySerde(WireFormat.Registry registry, Class<T> type) {
    AvroTrust.ensureTrusted();
    this.registry = registry;
    this.type = type;
  }

  /** The settings handed to Apicurio's serializer and deserializer. */
  Map<String, Object> apicurioConfig() {
    Map<String, Object> c = new HashMap<>();
    c.put(SchemaResolverConfig.REGISTRY_URL, registry.coreApi());
    c.put(SchemaResolverConfig.AUTO_REGISTER_ARTIFACT, false);
    c.put(SchemaResolverConfig.FIND_LATEST_ARTIFACT, false);
    // Few, short retries: a registry outage must surface, not stall a poll loop for minutes.
    c.put(SchemaResolverConfig.RETRY_COUNT, 2);
    c.put(SchemaResolverConfig.RETRY_BACKOFF_MS, 200L);
    c.put(AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, true);
    // The schema id travels in the value (Confluent layout), never in headers.
    c.put(KafkaSerdeConfig.ENABLE_HEADERS, false);
    return c;
  }

  @Override
  public Serializer<T> serializer() {
    AvroKafkaSerializer<T> s = new AvroKafkaSerializer<>();
    s.configure(apicurioConfig(), false);
    return new Serializer<>() {
      @Override
      public byte[] serialize(String topic, T value) {
        if (value == null) {
          return null;
        }
        try {
          return s.serialize(topic, value);
        } catch (RuntimeException e) {
          throw translate(e, "cannot encode " + type.getSimpleName() + " for " + topic, topic);
        }
      }

      @Override
      public void configure(Map<String, ?> configs, boolean isKey) {
        // Configured at creation from the validated registry setting; Streams' configs add nothing.
      }

      @Override
      public void close() {
        s.close();
      }
    };
  }

  @Override
  public Deserializer<T> deserializer() {
    AvroKafkaDeserializer<T> d = new AvroKafkaDeserializer<>();
    d.configure(apicurioConfig(), false);
    return new Deserializer<>() {
      @Override
      public T deserialize(String topic, byte[] data) {
        if (data == null) {
          return null;
        }
        if (data.length < 5 || data[0] != 0) {
          throw new SerializationException(
              "not a Confluent wire-format "
                  + type.getSimpleName()
                  + " ("
                  + data.length
                  + " bytes"
                  + (data.length > 0 ? ", first byte 0x" + Integer.toHexString(data[0] & 0xff) : "")
                  + "): expected byte 0 and a 4-byte schema id");
        }
        Object value;
        try {
          value = d.deserialize(topic, data);
        } catch (RuntimeException e) {
          int id =
              ((data[1] & 0xff) << 24)
                  | ((data[2] & 0xff) << 16)
                  | ((data[3] & 0xff) << 8)
                  | (data[4] & 0xff);
          throw translate(
              e,
              type.getSimpleName() + " with schema id " + id + " (" + data.length + " bytes)",
              topic);
        }
        if (!type.isInstance(value)) {
          throw new SerializationException(
              "expected a "
                  + type.getSimpleName()
                  + " but the writer's schema decodes to "
                  + (value == null ? "null" : value.getClass().getName()));
        }
        return type.cast(value);
      }

      @Override
      public void configure(Map<String, ?> configs, boolean isKey) {}

      @Override
      public void close() {
        d.close();
      }
    };
  }

  /** Sorts a failure of Apicurio's serde into a bad record or an unreachable registry. */
  private RuntimeException translate(RuntimeException e, String what, String topic) {
    Integer status = httpStatus(e);
    if (status == null && isConnectionFailure(e)) {
      return new RegistryUnavailableException(
          "schema registry "
              + registry.base()
              + " cannot be reached ("
              + what
              + "): "
              + rootMessage(e),
          e);
    }
    if (status != null && status == 404) {
      return new SerializationException(
          what
              + ": the registry at "
              + registry.base()
              + " has no such schema under "
              + topic
              + "-value (register the schemas with 'bin/wirewatch schemas register')",
          e);
    }
    if (status != null && status >= 500) {
      return new RegistryUnavailableException(
          "schema registry " + registry.base() + " failed (" + what + "): HTTP " + status, e);
    }
    return new SerializationException(what + ": " + rootMessage(e), e);
  }

  private static Integer httpStatus(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof com.microsoft.kiota.ApiException api) {
        return api.getResponseStatusCode();
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  private static boolean isConnectionFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.ConnectException
          || t instanceof java.net.UnknownHostException
          || t instanceof java.net.SocketException
          || t instanceof java.util.concurrent.TimeoutException
          || t instanceof io.vertx.core.VertxException
          || (t instanceof IOException && !(t instanceof java.io.EOFException))) {
        return true;
      }
      if (t instanceof AvroRuntimeException) {
        return false;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = root.getMessage();
    return root.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

  /** The registry could not be reached or failed: the record is fine, the stage must not DLQ it. */
  public static final class RegistryUnavailableException extends KafkaException {
    private static final long serialVersionUID = 1L;

    public RegistryUnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
