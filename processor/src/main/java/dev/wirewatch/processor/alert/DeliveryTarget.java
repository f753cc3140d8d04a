package dev.wirewatch.processor.alert;

import dev.wirewatch.processor.tag.TopicDefinition;
import dev.wirewatch.schemas.InvalidSettingException;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where alerts go.
 *
 * @param id name used by watches' {@code deliver:} lists
 * @param type {@code log} (the notifier's log), {@code webhook} (POST JSON to {@code url}) or
 *     {@code email}
 * @param url the webhook's address (webhook only)
 * @param secret the key of the {@code X-Wirewatch-Signature} HMAC (webhook only)
 * @param email how to send (email only)
 */
public record DeliveryTarget(String id, Type type, URI url, String secret, EmailSettings email) {
  /** The kinds of target. */
  public enum Type {
    LOG,
    WEBHOOK,
    EMAIL
  }

  /** An email target. */
  public static DeliveryTarget email(String id, EmailSettings email) {
    return new DeliveryTarget(TopicDefinition.id(id), Type.EMAIL, null, null, email);
  }

  /**
   * A target as a file describes it, validated: problems are {@link InvalidSettingException}s
   * naming the key.
   *
   * @param type {@code log} or {@code webhook}
   * @param url the webhook's address (webhook only)
   * @param secret the webhook's signing key, already read from wherever the file said
   * @param secretKey the key the secret came from, for the message when it is missing
   */
  public static DeliveryTarget of(
      String id, String type, String url, String secret, String secretKey) {
    String checkedId = TopicDefinition.id(id);
    if (type == null || type.isBlank()) {
      throw new InvalidSettingException("type", "missing or empty");
    }
    switch (type.strip()) {
      case "log" -> {
        return new DeliveryTarget(checkedId, Type.LOG, null, null, null);
      }
      case "webhook" -> {
        if (url == null || url.isBlank()) {
          throw new InvalidSettingException("url", "missing or empty");
        }
        URI uri;
        try {
          uri = new URI(url.strip());
        } catch (URISyntaxException e) {
          throw new InvalidSettingException("url", "'" + url + "' is not a URL: " + e.getReason());
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
            || uri.getHost() == null) {
          throw new InvalidSettingException(
              "url", "'" + url + "' must be an http(s) URL with a host");
        }
        if (secret == null || secret.isEmpty()) {
          throw new InvalidSettingException(
              secretKey, "a webhook needs a signing secret: secretEnv (or secret)");
        }
        return new DeliveryTarget(checkedId, Type.WEBHOOK, uri, secret, null);
      }
      default ->
          throw new InvalidSettingException(
              "type", "unknown type '" + type + "' (known: log, webhook, email)");
    }
  }

  @Override
  public String toString() {
    // never print the secret
    return "DeliveryTarget[id="
        + id
        + ", type="
        + type
        + ", url="
        + url
        + (email == null ? "" : ", " + email)
        + "]";
  }
}
