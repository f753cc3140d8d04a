package dev.wirewatch.ingest.source;

import dev.wirewatch.ingest.fetch.HttpFetcher;
import dev.wirewatch.ingest.poll.SourcePoller;
import java.time.Duration;

/**
 * Settings of the ingester as a whole (the {@code settings:} block of a sources file).
 *
 * @param userAgent sent with every request; should name the project and a contact
 * @param minHostDelay least time between two requests to one host
 * @param maxPageBytes largest feed or page accepted, after decompression
 * @param maxPagesPerPoll linked pages fetched per poll of a source at most
 */
public record IngestSettings(
    String userAgent, Duration minHostDelay, long maxPageBytes, int maxPagesPerPoll) {
  /** One second between requests to a host: polite for news sites, quick enough for a demo. */
  public static final Duration DEFAULT_MIN_HOST_DELAY = Duration.ofSeconds(1);

  public static final IngestSettings DEFAULTS =
      new IngestSettings(
          HttpFetcher.DEFAULT_USER_AGENT,
          DEFAULT_MIN_HOST_DELAY,
          HttpFetcher.Limits.DEFAULTS.maxBodyBytes(),
          SourcePoller.DEFAULT_MAX_PAGES_PER_POLL);

  /** The fetch limits these settings imply. */
  public HttpFetcher.Limits limits() {
    HttpFetcher.Limits d = HttpFetcher.Limits.DEFAULTS;
    return new HttpFetcher.Limits(
        d.connectTimeout(), d.totalTimeout(), maxPageBytes, d.maxRedirects());
  }
}
