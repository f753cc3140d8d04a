package dev.wirewatch.schemas;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * How Avro records are framed on Wirewatch's topics.
 *
 * <ul>
 *   <li>{@link Embedded}: Avro single-object encoding ({@code C3 01}, the schema's 8-byte
 *       fingerprint, the body). Needs no registry: every shipped schema version travels inside the
 *       jar ({@link SchemaHistory}). The default, and what the embedded demo uses.
 *   <li>{@link Registry}: the Confluent wire format (byte 0, a 4-byte schema id, the body) with the
 *       schemas held by an Apicurio Registry. What other Kafka tools expect on a shared cluster.
 * </ul>
 */
public sealed interface WireFormat permits WireFormat.Embedded, WireFormat.Registry {

  /** The value serde of a generated record type in this format. */
  <T extends org.apache.avro.specific.SpecificRecord>
      org.apache.kafka.common.serialization.Serde<T> serde(
          Class<T> type, org.apache.avro.Schema current);

  /** The embedded default. */
  static WireFormat embedded() {
    return new Embedded();
  }

  /**
   * Parses the user's choice, naming the bad value when it is wrong.
   *
   * @param mode {@code embedded} or {@code registry}
   * @param registryUrl the registry's base address; required for {@code registry}, refused for
   *     {@code embedded} so a forgotten switch does not silently fall back
   */
  static WireFormat parse(String mode, String registryUrl) {
    String m = mode == null ? "embedded" : mode.trim().toLowerCase(Locale.ROOT);
    return switch (m) {
      case "embedded" -> {
        if (registryUrl != null && !registryUrl.isBlank()) {
          throw new IllegalArgumentException(
              "a registry URL ("
                  + registryUrl
                  + ") is given but serde is 'embedded': set serde to 'registry' to use it");
        }
        yield new Embedded();
      }
      case "registry" -> {
        if (registryUrl == null || registryUrl.isBlank()) {
          throw new IllegalArgumentException(
              "serde 'registry' needs the registry's address (registry-url, e.g. http://registry:8080)");
        }
        yield Registry.of(registryUrl);
      }
      default ->
          throw new IllegalArgumentException(
              "serde must be 'embedded' or 'registry', got '" + mode + "'");
    };
  }

  /** Avro single-object encoding; no registry. */
  record Embedded() implements WireFormat {
    @Override
    public <T extends org.apache.avro.specific.SpecificRecord>
        org.apache.kafka.common.serialization.Serde<T> serde(
            Class<T> type, org.apache.avro.Schema current) {
      return new AvroSerde<>(type, current, java.util.List.of());
    }

    @Override
    public String toString() {
      return "embedded (Avro single-object encoding)";
    }
  }

  /**
   * The Confluent wire format through an Apicurio Registry.
   *
   * @param base the registry's base address ({@code http://host:port}, no API path); Apicurio's own
   *     API is under {@code /apis/registry/v3}, the Confluent-compatible one under {@code
   *     /apis/ccompat/v7}
   */
  record Registry(URI base) implements WireFormat {
    private static final String CORE = "/apis/registry/v3";
    private static final String CCOMPAT = "/apis/ccompat/v7";

    public Registry {
      Objects.requireNonNull(base, "base");
      String scheme = base.getScheme();
      if (scheme == null
          || !(scheme.equals("http") || scheme.equals("https"))
          || base.getHost() == null) {
        throw new IllegalArgumentException(
            "registry URL must be an http(s) address like http://registry:8080, got '"
                + base
                + "'");
      }
      if (base.getQuery() != null || base.getFragment() != null) {
        throw new IllegalArgumentException(
            "registry URL must not have a query or fragment, got '" + base + "'");
      }
    }

    /**
     * Accepts the base address, or either API's address (which users often copy from the registry's
     * own documentation), and keeps the base.
     */
    public static Registry of(String url) {
      String u = url.trim();
      while (u.endsWith("/")) {
        u = u.substring(0, u.length() - 1);
      }
      for (String api : new String[] {CORE, CCOMPAT}) {
        if (u.endsWith(api)) {
          u = u.substring(0, u.length() - api.length());
        }
      }
      try {
        return new Registry(new URI(u));
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException(
            "registry URL is not a valid address: '" + url + "' (" + e.getReason() + ")");
      }
    }

    /** Apicurio's own REST API, which its Kafka serdes use. */
    public String coreApi() {
      return base + CORE;
    }

    /** The Confluent-compatible REST API, for registration and for Confluent's own clients. */
    public String ccompatApi() {
      return base + CCOMPAT;
    }

    @Override
    public <T extends org.apache.avro.specific.SpecificRecord>
        org.apache.kafka.common.serialization.Serde<T> serde(
            Class<T> type, org.apache.avro.Schema current) {
      return new RegistrySerde<>(this, type);
    }

    @Override
    public String toString() {
      return "registry " + base + " (Confluent wire format)";
    }
  }
}
