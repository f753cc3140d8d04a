package dev.wirewatch.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * Registers Wirewatch's record schemas in a schema registry, under the subject {@code
 * <topic>-value} of each Avro topic, and enforces BACKWARD compatibility on those subjects.
 *
 * <p>It speaks the Confluent-compatible REST API ({@code /apis/ccompat/v7} on Apicurio), so the
 * same command prepares Apicurio or any Confluent-compatible registry. Every shipped version of a
 * schema ({@link SchemaHistory}) is registered oldest first, so a fresh registry knows every writer
 * schema that records on the topics may carry, and each new version is checked against the last.
 * Registering a schema that is already there changes nothing (the registry answers with its id).
 *
 * <p>The schema text registered is Avro's compact form ({@link Schema#toString()}), which is also
 * what Apicurio's serializer looks up by content when a producer starts with auto-registration off.
 */
public final class SchemaRegistration {
  /** The compatibility enforced on every Wirewatch subject: new readers read old records. */
  public static final String COMPATIBILITY = "BACKWARD";

  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final WireFormat.Registry registry;
  private final HttpClient http;
  private final Duration timeout;

  public SchemaRegistration(WireFormat.Registry registry, Duration timeout) {
    this.registry = registry;
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** One registered schema version. */
  /**
   * One schema version in the registry.
   *
   * @param current whether it is the version this release writes (older ones are only read)
   */
  public record Registered(String subject, String record, int id, boolean current) {}

  /**
   * Registers every shipped version of every Avro topic's value schema and sets the subjects'
   * compatibility to {@value #COMPATIBILITY}.
   *
   * @throws RegistrationException naming the subject and the registry's reason when a schema is
   *     refused (for example as incompatible) or the registry cannot be reached
   */
  public List<Registered> registerAll(Topics topics) {
    List<Registered> out = new ArrayList<>();
    for (TopicSpec<?, ?> t : topics.all()) {
      Schema current = t.valueSchema();
      if (current == null) {
        continue;
      }
      String subject = subjectOf(t.name());
      // Older shipped versions first, as released; the current one last, in the exact form this
      // version's serializer looks up (the generated class's schema, with its Java string hints).
      long currentPrint = SchemaNormalization.parsingFingerprint64(current);
      List<Schema> versions = new ArrayList<>();
      for (Schema old : SchemaHistory.versions(current.getName())) {
        if (SchemaNormalization.parsingFingerprint64(old) != currentPrint) {
          versions.add(old);
        }
      }
      versions.add(current);
      for (int i = 0; i < versions.size(); i++) {
        int id = register(subject, versions.get(i));
        if (i == 0) {
          // Set after the first version exists: some registries ignore config for unknown subjects.
          setCompatibility(subject, COMPATIBILITY);
        }
        out.add(new Registered(subject, current.getName(), id, i == versions.size() - 1));
      }
    }
    return out;
  }

  /** The registry subject of a topic's values (Confluent's and Apicurio's topic-name strategy). */
  public static String subjectOf(String topic) {
    return topic + "-value";
  }

  /**
   * Registers one schema under a subject.
   *
   * @return the schema's id in the registry (the id records carry in the wire format)
   * @throws RegistrationException when the registry refuses it or cannot be reached
   */
  public int register(String subject, Schema schema) {
    ObjectNode body = JSON.createObjectNode();
    body.put("schema", schema.toString());
    body.put("schemaType", "AVRO");
    JsonNode answer = send("POST", "/subjects/" + encode(subject) + "/versions", body, subject);
    JsonNode id = answer.get("id");
    if (id == null || !id.canConvertToInt()) {
      throw new RegistrationException(
          "registry " + registry.base() + " answered without an id for " + subject + ": " + answer);
    }
    return id.asInt();
  }

  /**
   * The subjects that do not hold the schema this version writes (exactly as its serializer looks
   * it up), in topic order; empty when every producer of this version can write.
   *
   * @throws RegistrationException when the registry cannot be reached
   */
  public List<String> unregistered(Topics topics) {
    List<String> missing = new ArrayList<>();
    for (TopicSpec<?, ?> t : topics.all()) {
      if (t.valueSchema() == null) {
        continue;
      }
      String subject = subjectOf(t.name());
      ObjectNode body = JSON.createObjectNode();
      body.put("schema", t.valueSchema().toString());
      body.put("schemaType", "AVRO");
      HttpResponse<String> r = exchange("POST", "/subjects/" + encode(subject), body);
      if (r.statusCode() == 404) {
        missing.add(subject);
      } else if (r.statusCode() / 100 != 2) {
        throw new RegistrationException(
            "registry "
                + registry.base()
                + " answered HTTP "
                + r.statusCode()
                + " when asked for "
                + subject
                + ": "
                + abbreviate(r.body()));
      }
    }
    return missing;
  }

  /** Sets a subject's compatibility level. */
  public void setCompatibility(String subject, String level) {
    ObjectNode body = JSON.createObjectNode();
    body.put("compatibility", level);
    send("PUT", "/config/" + encode(subject), body, subject);
  }

  private JsonNode send(String method, String path, JsonNode body, String subject) {
    HttpResponse<String> response = exchange(method, path, body);
    JsonNode json = parse(response.body());
    int status = response.statusCode();
    if (status / 100 != 2) {
      String reason =
          json != null && json.hasNonNull("message")
              ? json.get("message").asText()
              : abbreviate(response.body());
      String what =
          status == 409
              ? "refused as incompatible with the registered versions (" + COMPATIBILITY + ")"
              : status == 422 ? "refused as invalid" : "refused with HTTP " + status;
      throw new RegistrationException(subject + ": " + what + ": " + reason);
    }
    if (json == null) {
      throw new RegistrationException(
          "registry "
              + registry.base()
              + " answered "
              + method
              + " "
              + path
              + " with something that is not JSON: "
              + abbreviate(response.body()));
    }
    return json;
  }

  private HttpResponse<String> exchange(String method, String path, JsonNode body) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(registry.ccompatApi() + path))
            .timeout(timeout)
            .header("Content-Type", CONTENT_TYPE)
            .header("Accept", CONTENT_TYPE + ", application/json")
            .method(
                method,
                HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new RegistrationException(
          "schema registry "
              + registry.base()
              + " cannot be reached: "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage()),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistrationException("interrupted while talking to " + registry.base(), e);
    }
  }

  private static JsonNode parse(String body) {
    try {
      return body == null || body.isBlank() ? null : JSON.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  private static String abbreviate(String s) {
    if (s == null) {
      return "";
    }
    return s.length() <= 300 ? s : s.substring(0, 300) + "…";
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * A schema the registry refused, or a registry that could not be reached; the message says which.
   */
  public static final class RegistrationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RegistrationException(String message) {
      super(message);
    }

    public RegistrationException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
