package dev.wirewatch.ingest.source;

import dev.wirewatch.schemas.InvalidSettingException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

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

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

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

  /**
   * A source as a file describes it, validated; null stands for a default. Problems are {@link
   * InvalidSettingException}s naming the key.
   *
   * @param kind any name {@link SourceKind#parse} knows
   * @param pollInterval a duration such as {@code 15m}, at least {@link #MIN_POLL_INTERVAL}
   */
  public static SourceConfig of(
      String id,
      String url,
      String kind,
      String pollInterval,
      List<String> labels,
      String language,
      Boolean fetchLinkedPages,
      Boolean allowPrivateNetwork) {
    if (id == null || id.isBlank()) {
      throw new InvalidSettingException("id", "missing");
    }
    String checkedId = id.strip();
    if (!ID.matcher(checkedId).matches()) {
      throw new InvalidSettingException(
          "id", "'" + checkedId + "' must be lower-case letters, digits, '.', '_' or '-'");
    }
    if (url == null || url.isBlank()) {
      throw new InvalidSettingException("url", "missing");
    }
    String checkedUrl = url.strip();
    try {
      URI u = new URI(checkedUrl);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) {
        throw new InvalidSettingException(
            "url", "'" + checkedUrl + "' must be an absolute http(s) URL");
      }
    } catch (URISyntaxException e) {
      throw new InvalidSettingException(
          "url", "'" + checkedUrl + "' is not a URL: " + e.getReason());
    }
    Duration interval = DEFAULT_POLL_INTERVAL;
    if (pollInterval != null && !pollInterval.isBlank()) {
      interval = Durations.parse(pollInterval, "pollInterval");
      if (interval.compareTo(MIN_POLL_INTERVAL) < 0) {
        throw new InvalidSettingException(
            "pollInterval",
            "'"
                + pollInterval
                + "' is shorter than the minimum of "
                + MIN_POLL_INTERVAL.toSeconds()
                + "s");
      }
    }
    String lang = language == null || language.isBlank() ? null : language.strip();
    if (lang != null && !lang.matches("[a-z]{2}")) {
      throw new InvalidSettingException(
          "language", "'" + lang + "' must be an ISO 639-1 code such as en");
    }
    return new SourceConfig(
        checkedId,
        checkedUrl,
        SourceKind.parse(kind),
        interval,
        labels == null ? List.of() : labels,
        lang,
        fetchLinkedPages == null || fetchLinkedPages,
        allowPrivateNetwork != null && allowPrivateNetwork);
  }
}
