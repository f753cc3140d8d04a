package dev.wirewatch.ingest.source;

import dev.wirewatch.ingest.fetch.HttpFetcher;
import dev.wirewatch.schemas.InvalidSettingException;
import java.time.Duration;
import java.util.Locale;

/**
 * Settings of the ingester as a whole (the {@code settings:} block of a sources file); {@link #of}
 * validates what a file gives, its problems {@link InvalidSettingException}s naming the key.
 *
 * @param userAgent sent with every request; must name Wirewatch, so site operators know who polls
 * @param minHostDelay least time between two requests to one host
 * @param maxPageBytes largest feed or page accepted, after decompression (at least 1024)
 * @param maxPagesPerPoll linked pages fetched per poll of a source at most (0 or more)
 */
public record IngestSettings(
    String userAgent, Duration minHostDelay, long maxPageBytes, int maxPagesPerPoll) {
  /** One second between requests to a host: polite for news sites, quick enough for a demo. */
  public static final Duration DEFAULT_MIN_HOST_DELAY = Duration.ofSeconds(1);

  /** Most linked pages fetched in one poll; the rest wait for the next poll. */
  public static final int DEFAULT_MAX_PAGES_PER_POLL = 100;

  /** Smallest page limit accepted (bytes). */
  public static final long MIN_PAGE_BYTES = 1024;

  public static final IngestSettings DEFAULTS =
      new IngestSettings(
          HttpFetcher.DEFAULT_USER_AGENT,
          DEFAULT_MIN_HOST_DELAY,
          HttpFetcher.Limits.DEFAULTS.maxBodyBytes(),
          DEFAULT_MAX_PAGES_PER_POLL);

  /**
   * The settings a file gives, each null for its default.
   *
   * @param minHostDelay a duration ({@code 2s}) or {@code 0}
   */
  public static IngestSettings of(
      String userAgent, String minHostDelay, Long maxPageBytes, Integer maxPagesPerPoll) {
    return checked(
        new IngestSettings(
            userAgent == null ? DEFAULTS.userAgent() : userAgent.strip(),
            minHostDelay == null
                ? DEFAULT_MIN_HOST_DELAY
                : minHostDelay.strip().equals("0")
                    ? Duration.ZERO
                    : Durations.parse(minHostDelay, "minHostDelay"),
            maxPageBytes == null ? DEFAULTS.maxPageBytes() : maxPageBytes,
            maxPagesPerPoll == null ? DEFAULT_MAX_PAGES_PER_POLL : maxPagesPerPoll));
  }

  private static IngestSettings checked(IngestSettings s) {
    String userAgent = s.userAgent();
    Duration minHostDelay = s.minHostDelay();
    long maxPageBytes = s.maxPageBytes();
    int maxPagesPerPoll = s.maxPagesPerPoll();
    if (userAgent == null || !userAgent.toLowerCase(Locale.ROOT).contains("wirewatch")) {
      throw new InvalidSettingException(
          "userAgent",
          "'" + userAgent + "' must name Wirewatch, so site operators know who is polling them");
    }
    if (minHostDelay == null || minHostDelay.isNegative()) {
      throw new InvalidSettingException("minHostDelay", "must be 0 or more, got " + minHostDelay);
    }
    if (maxPageBytes < MIN_PAGE_BYTES) {
      throw new InvalidSettingException(
          "maxPageBytes",
          "must be a number of bytes >= " + MIN_PAGE_BYTES + ", got " + maxPageBytes);
    }
    if (maxPagesPerPoll < 0) {
      throw new InvalidSettingException(
          "maxPagesPerPoll", "must be a number >= 0, got " + maxPagesPerPoll);
    }
    return s;
  }

  /** The fetch limits these settings imply. */
  public HttpFetcher.Limits limits() {
    HttpFetcher.Limits d = HttpFetcher.Limits.DEFAULTS;
    return new HttpFetcher.Limits(
        d.connectTimeout(), d.totalTimeout(), maxPageBytes, d.maxRedirects());
  }
}
