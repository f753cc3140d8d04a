package dev.wirewatch.processor.watch;

import java.net.URI;

/**
 * Where alerts go.
 *
 * @param id name used by watches' {@code deliver:} lists
 * @param type {@code log} (the notifier's log) or {@code webhook} (POST JSON to {@code url})
 * @param url the webhook's address (webhook only)
 * @param secret the key of the {@code X-Wirewatch-Signature} HMAC (webhook only; from {@code
 *     secretEnv} or {@code secret} in the file)
 */
public record DeliveryTarget(String id, Type type, URI url, String secret) {
  public enum Type {
    LOG,
    WEBHOOK
  }

  @Override
  public String toString() {
    // never print the secret
    return "DeliveryTarget[id=" + id + ", type=" + type + ", url=" + url + "]";
  }
}
