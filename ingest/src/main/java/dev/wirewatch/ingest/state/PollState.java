package dev.wirewatch.ingest.state;

/**
 * What the ingester remembers of a source between polls.
 *
 * @param etag validator for If-None-Match, or null
 * @param lastModified validator for If-Modified-Since (as the server sent it), or null
 * @param consecutiveFailures failed polls since the last success
 * @param nextDueMillis when the source is due again (epoch ms)
 * @param lastSuccessMillis last successful poll (epoch ms), or 0
 * @param lastErrorMillis last failed poll (epoch ms), or 0
 * @param lastError the last error, or null
 */
public record PollState(
    String etag,
    String lastModified,
    int consecutiveFailures,
    long nextDueMillis,
    long lastSuccessMillis,
    long lastErrorMillis,
    String lastError) {
  /** The state of a source never polled: due now. */
  public static final PollState NEW = new PollState(null, null, 0, 0, 0, 0, null);
}
