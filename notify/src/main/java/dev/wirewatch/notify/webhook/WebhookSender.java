package dev.wirewatch.notify.webhook;

import dev.wirewatch.processor.alert.DeliveryTarget;
import dev.wirewatch.schemas.Alert;
import dev.wirewatch.schemas.AlertJson;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs alerts to webhooks: JSON body ({@link AlertJson}), signed ({@link Signatures}), with {@code
 * Idempotency-Key} set to the alert id so a receiver can drop repeats (a retry after a lost
 * response, a replay after a restart). Retries on connection errors, timeouts, 408, 429 and 5xx,
 * with exponential backoff from {@code firstBackoff}, up to {@code attempts} tries; other 4xx are
 * final. Never throws: the outcome says what happened.
 */
public final class WebhookSender {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);

  /** How a delivery ended. */
  public record Outcome(boolean delivered, int attempts, int lastStatus, String problem) {}

  private final HttpClient http;
  private final int attempts;
  private final Duration firstBackoff;
  private final Duration maxBackoff;
  private final Duration requestTimeout;

  public WebhookSender(
      int attempts, Duration firstBackoff, Duration maxBackoff, Duration requestTimeout) {
    if (attempts < 1) {
      throw new IllegalArgumentException("webhook attempts must be at least 1, got " + attempts);
    }
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(requestTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.attempts = attempts;
    this.firstBackoff = firstBackoff;
    this.maxBackoff = maxBackoff;
    this.requestTimeout = requestTimeout;
  }

  /** Defaults: 6 tries over about a minute (1, 2, 4, 8, 16 s between them), 10 s per request. */
  public static WebhookSender defaults() {
    return new WebhookSender(
        6, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(10));
  }

  /** Delivers the alert to the target, retrying in the background. */
  public CompletableFuture<Outcome> send(DeliveryTarget target, Alert alert) {
    byte[] body = AlertJson.of(alert);
    HttpRequest request =
        HttpRequest.newBuilder(target.url())
            .timeout(requestTimeout)
            .header("Content-Type", "application/json")
            .header("User-Agent", "Wirewatch")
            .header("Idempotency-Key", alert.getId())
            .header(Signatures.HEADER, Signatures.sign(target.secret(), body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    return attempt(target, request, 1, firstBackoff);
  }

  private CompletableFuture<Outcome> attempt(
      DeliveryTarget target, HttpRequest request, int n, Duration backoff) {
    return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .handle(
            (response, error) -> {
              if (error == null && response.statusCode() / 100 == 2) {
                return CompletableFuture.completedFuture(
                    new Outcome(true, n, response.statusCode(), null));
              }
              int status = error == null ? response.statusCode() : 0;
              String problem = error == null ? "HTTP " + status : describe(error);
              boolean retry = error != null || status == 408 || status == 429 || status >= 500;
              if (!retry || n >= attempts) {
                return CompletableFuture.completedFuture(new Outcome(false, n, status, problem));
              }
              LOG.info(
                  "webhook {}: attempt {} failed ({}), retrying in {} ms",
                  target.id(),
                  n,
                  problem,
                  backoff.toMillis());
              Executor later =
                  CompletableFuture.delayedExecutor(backoff.toMillis(), TimeUnit.MILLISECONDS);
              Duration next =
                  backoff.multipliedBy(2).compareTo(maxBackoff) > 0
                      ? maxBackoff
                      : backoff.multipliedBy(2);
              return CompletableFuture.supplyAsync(() -> null, later)
                  .thenCompose(x -> attempt(target, request, n + 1, next));
            })
        .thenCompose(f -> f);
  }

  private static String describe(Throwable e) {
    Throwable c =
        e.getCause() != null && e instanceof java.util.concurrent.CompletionException
            ? e.getCause()
            : e;
    return c instanceof IOException || c.getMessage() == null
        ? c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage())
        : c.getMessage();
  }
}
