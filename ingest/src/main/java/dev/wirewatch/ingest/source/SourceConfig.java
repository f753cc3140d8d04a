package dev.wirewatch.ingest.source;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One source to poll, validated.
 *
 * @param id stable id: article ids, status and state are keyed by it
 * @param url where the feed, sitemap or page is
 * @param kind what the URL serves
 * @param pollInterval time between polls when all is well
 * @param labels free labels carried into each article's metadata
 * @param language ISO 639-1 hint for the articles, or null
 * @param fetchLinkedPages whether to fetch an entry's page when the feed carries only a summary
 * @param allowPrivateNetwork whether the source's own host (scheme, host, port) may be on a
 *     loopback or private address; off by default. Other hosts — linked pages elsewhere, redirect
 *     targets — must be public whatever this says: that is the SSRF guard.
 */
public record SourceConfig(
    String id,
    String url,
    SourceKind kind,
    Duration pollInterval,
    List<String> labels,
    String language,
    boolean fetchLinkedPages,
    boolean allowPrivateNetwork) {

  /** Poll interval when a source does not set one. */
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMinutes(15);

  /** Shortest poll interval accepted: polling faster is impolite and rarely finds more. */
  public static final Duration MIN_POLL_INTERVAL = Duration.ofSeconds(30);

  public SourceConfig {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(pollInterval, "pollInterval");
    labels = List.copyOf(labels);
  }

  /** A feed given on the command line: polled with the defaults, its id derived from its URL. */
  public static SourceConfig ofFeedUrl(String url, boolean allowPrivateNetwork) {
    String id = "feed-" + dev.wirewatch.schemas.ArticleIds.ofUrl(url).substring(0, 12);
    return new SourceConfig(
        id,
        url,
        SourceKind.FEED,
        DEFAULT_POLL_INTERVAL,
        List.of(),
        null,
        true,
        allowPrivateNetwork);
  }
}
