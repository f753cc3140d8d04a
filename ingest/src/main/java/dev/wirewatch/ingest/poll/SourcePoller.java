package dev.wirewatch.ingest.poll;

import dev.wirewatch.ingest.feed.FeedEntry;
import dev.wirewatch.ingest.feed.FeedParseException;
import dev.wirewatch.ingest.feed.FeedParser;
import dev.wirewatch.ingest.feed.ParsedFeed;
import dev.wirewatch.ingest.fetch.FetchException;
import dev.wirewatch.ingest.fetch.FetchResult;
import dev.wirewatch.ingest.fetch.HttpFetcher;
import dev.wirewatch.ingest.polite.HostGate;
import dev.wirewatch.ingest.polite.RobotsCache;
import dev.wirewatch.ingest.publish.RawArticleSink;
import dev.wirewatch.ingest.publish.Rejection;
import dev.wirewatch.ingest.source.IngestSettings;
import dev.wirewatch.ingest.source.SourceConfig;
import dev.wirewatch.ingest.source.SourceKind;
import dev.wirewatch.ingest.state.IngestState;
import dev.wirewatch.ingest.state.PollState;
import dev.wirewatch.ingest.url.CanonicalUrls;
import dev.wirewatch.schemas.ArticleIds;
import dev.wirewatch.schemas.RawArticle;
import dev.wirewatch.schemas.SourceStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.jsoup.Jsoup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one source once: fetches it politely (robots.txt, one request at a time per host,
 * conditional GET), parses it, fetches linked pages for entries that carry only a summary, and
 * publishes each new or changed entry as a {@link RawArticle}. The outcome goes to the source's
 * status and its poll state; no exception escapes {@link #poll}.
 */
public final class SourcePoller {
  /** Text length (characters) above which a feed's own content is taken as the whole article. */
  public static final int FULL_CONTENT_CHARS = 500;

  /** Most linked pages fetched in one poll; the rest wait for the next poll. */
  public static final int DEFAULT_MAX_PAGES_PER_POLL = IngestSettings.DEFAULT_MAX_PAGES_PER_POLL;

  /**
   * Most new or changed entries published in one poll of a source; the rest are left unmarked and
   * come with the next polls, oldest last as the feed lists them. A real feed lists tens of items
   * and a news sitemap at most 1,000; a "feed" of 100,000 is a dump or an attack, and taking it in
   * slices keeps one source from flooding the pipeline and the poll's memory and time bounded.
   */
  public static final int MAX_ITEMS_PER_POLL = 2_000;

  /** Most child sitemaps of a sitemap index read in one poll. */
  public static final int MAX_CHILD_SITEMAPS = 50;

  /** Longest wait after failures, however many. */
  public static final Duration MAX_BACKOFF = Duration.ofHours(6);

  private static final Logger LOG = LoggerFactory.getLogger(SourcePoller.class);

  private final HttpFetcher fetcher;
  private final HostGate gate;
  private final RobotsCache robots;
  private final FeedParser parser = new FeedParser();
  private final IngestState state;
  private final RawArticleSink articles;
  private final StatusSink statuses;
  private final Clock clock;
  private final RandomGenerator random;
  private final int maxPagesPerPoll;
  private final LinkedFetches linked;

  public SourcePoller(
      HttpFetcher fetcher,
      HostGate gate,
      RobotsCache robots,
      IngestState state,
      RawArticleSink articles,
      StatusSink statuses,
      Clock clock,
      RandomGenerator random,
      int maxPagesPerPoll) {
    this.fetcher = fetcher;
    this.gate = gate;
    this.robots = robots;
    this.state = state;
    this.articles = articles;
    this.statuses = statuses;
    this.clock = clock;
    this.random = random;
    this.maxPagesPerPoll = maxPagesPerPoll;
    this.linked = new LinkedFetches(fetcher, gate, robots, parser);
  }

  /** Polls the source once and records the outcome. Never throws (but for interruption). */
  public PollOutcome poll(SourceConfig source) throws InterruptedException {
    String privateHost = source.allowPrivateNetwork() ? HttpFetcher.hostKey(source.url()) : null;
    PollState before = state.pollState(source.id());
    Counts counts = new Counts();
    int httpStatus = 0;
    String error = null;
    Duration retryAfter = null;
    List<Runnable> afterPublish = new ArrayList<>();
    PollState next;
    try {
      String refused = robots.refusal(source.url(), privateHost);
      if (refused != null) {
        throw new FetchException(refused, false);
      }
      FetchResult r;
      try (HostGate.Permit p = gate.acquire(source.url())) {
        r =
            fetcher.fetch(
                source.url(),
                before.etag(),
                before.lastModified(),
                privateHost,
                fetcher.limits().maxBodyBytes());
      }
      httpStatus = r.status();
      if (!r.notModified()) {
        if (source.kind() == SourceKind.PAGE) {
          handlePage(source, r, counts, afterPublish);
        } else {
          ParsedFeed feed = parser.parse(r.body(), r.finalUrl());
          List<FeedEntry> entries = new ArrayList<>(feed.entries());
          if (feed.format().equals("sitemap-index")) {
            entries.addAll(linked.childSitemaps(privateHost, source, feed));
          }
          for (FeedEntry e : entries) {
            if (counts.created + counts.updated >= MAX_ITEMS_PER_POLL) {
              counts.deferred++;
              continue;
            }
            handleEntry(source, privateHost, e, counts, afterPublish);
          }
          if (counts.deferred > 0) {
            LOG.info(
                "source {}: {} entries left for later polls (at most {} new entries and {} linked pages a poll)",
                source.id(),
                counts.deferred,
                MAX_ITEMS_PER_POLL,
                maxPagesPerPoll);
          }
        }
      }
      articles.flush();
      afterPublish.forEach(Runnable::run); // only once the articles are durable
      long now = clock.millis();
      // With entries left for later, the next poll must fetch the feed whole, not get a 304.
      boolean whole = counts.deferred > 0;
      next =
          new PollState(
              whole ? null : r.etag(),
              whole ? null : r.lastModified(),
              0,
              now + jitter(source.pollInterval(), 0.1).toMillis(),
              now,
              before.lastErrorMillis(),
              before.lastError());
    } catch (FetchException | FeedParseException | RuntimeException e) {
      error =
          e.getMessage() == null
              ? e.getClass().getSimpleName()
              : e.getMessage().lines().findFirst().orElse("");
      if (e instanceof FetchException fe) {
        httpStatus = fe.status();
        retryAfter = fe.retryAfter();
      }
      if (e instanceof RuntimeException) {
        // A bug of ours, not a bad source: say so, keep the trace in the log, and go on.
        error = "internal error: " + e;
        LOG.warn("source {} failed unexpectedly", source.id(), e);
      } else {
        LOG.info("source {} failed: {}", source.id(), error);
      }
      int failures = before.consecutiveFailures() + 1;
      if (failures == 1) {
        // The first failure of a streak is a dead letter; the source's status tells the rest of it
        // (a feed down for a day must not fill the DLQ with a hundred copies of one reason).
        articles.reject(Rejection.of(source.url(), "source " + source.id() + " failed: " + error));
        try {
          articles.flush();
        } catch (RuntimeException flushFailed) {
          LOG.warn(
              "source {}: its dead letter could not be written: {}",
              source.id(),
              flushFailed.getMessage());
        }
      }
      long now = clock.millis();
      Duration wait = backoff(source.pollInterval(), failures);
      if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
        wait = retryAfter.compareTo(Duration.ofDays(1)) > 0 ? Duration.ofDays(1) : retryAfter;
      }
      next =
          new PollState(
              before.etag(),
              before.lastModified(),
              failures,
              now + wait.toMillis(),
              before.lastSuccessMillis(),
              now,
              error);
    }
    state.savePollState(source.id(), next);
    state.flush();
    statuses.publish(
        SourceStatus.newBuilder()
            .setSourceId(source.id())
            .setUrl(source.url())
            .setPolledAt(clock.instant())
            .setOk(error == null)
            .setLastSuccessAt(
                next.lastSuccessMillis() == 0
                    ? null
                    : Instant.ofEpochMilli(next.lastSuccessMillis()))
            .setLastErrorAt(
                next.lastErrorMillis() == 0 ? null : Instant.ofEpochMilli(next.lastErrorMillis()))
            .setLastError(next.lastError())
            .setConsecutiveFailures(next.consecutiveFailures())
            .setHttpStatus(httpStatus)
            .setNewItems(counts.created)
            .setUpdatedItems(counts.updated)
            .setUnchangedItems(counts.unchanged)
            .setPageErrors(counts.pageErrors)
            .setNextPollAt(Instant.ofEpochMilli(next.nextDueMillis()))
            .build());
    return new PollOutcome(
        error == null, counts.created, counts.updated, counts.unchanged, counts.pageErrors, error);
  }

  /** Exponential backoff from the poll interval, doubled per failure, capped, with ±20% jitter. */
  Duration backoff(Duration interval, int failures) {
    long base = Math.max(interval.toMillis(), 60_000L);
    long ms = failures >= 20 ? Long.MAX_VALUE : base << Math.max(0, failures - 1);
    Duration d = ms < 0 || ms > MAX_BACKOFF.toMillis() ? MAX_BACKOFF : Duration.ofMillis(ms);
    return jitter(d, 0.2);
  }

  private Duration jitter(Duration d, double fraction) {
    double f = 1 + (random.nextDouble() * 2 - 1) * fraction;
    return Duration.ofMillis((long) (d.toMillis() * f));
  }

  private final class Counts {
    int created;
    int updated;
    int unchanged;
    int pageErrors;
    int pagesFetched;
    int deferred;
  }

  private void handleEntry(
      SourceConfig source,
      String privateHost,
      FeedEntry e,
      Counts counts,
      List<Runnable> afterPublish)
      throws InterruptedException {
    Optional<String> canonical = CanonicalUrls.canonicalize(e.link());
    String entryKey =
        canonical
            .map(u -> "url:" + u)
            .orElseGet(() -> e.guid() != null ? "guid:" + source.id() + ":" + e.guid() : null);
    String hash = Pages.contentHash(e);
    if (entryKey == null) {
      entryKey = "content:" + source.id() + ":" + hash;
    }
    Optional<String> previous = state.publishedHash(entryKey);
    if (previous.isPresent() && previous.get().equals(hash)) {
      counts.unchanged++;
      return;
    }
    Map<String, String> meta = new HashMap<>();
    meta.put("sourceUrl", source.url());
    Pages.putIfPresent(meta, "feedSummary", Pages.truncate(e.summary(), 4000));
    Pages.putIfPresent(meta, "feedAuthor", e.author());
    Pages.putIfPresent(meta, "feedGuid", e.guid());
    Pages.putIfPresent(meta, "language", source.language());
    if (!source.labels().isEmpty()) {
      meta.put("labels", String.join(",", source.labels()));
    }
    String feedContent =
        e.content() != null ? e.content() : e.summary() != null ? e.summary() : e.title();
    String body = feedContent;
    String contentType = "text/html";
    String articleUrl = canonical.orElse(null);
    boolean summaryOnly =
        e.content() == null || Jsoup.parse(e.content()).text().length() < FULL_CONTENT_CHARS;
    if (summaryOnly && source.fetchLinkedPages() && canonical.isPresent()) {
      if (counts.pagesFetched >= maxPagesPerPoll) {
        counts.deferred++;
        return; // not marked published: it is picked up by the next poll
      }
      counts.pagesFetched++;
      try {
        Pages.Page page = linked.fetchPage(e.link(), privateHost);
        body = page.html();
        if (page.canonicalUrl() != null) {
          articleUrl = page.canonicalUrl();
        }
      } catch (FetchException ex) {
        counts.pageErrors++;
        meta.put("pageError", ex.getMessage());
      }
    }
    if (body == null || body.isBlank()) {
      body = e.title() == null ? "" : e.title();
    }
    String id =
        articleUrl != null
            ? ArticleIds.ofUrl(articleUrl)
            : e.guid() != null
                ? ArticleIds.ofSourceKey(source.id(), e.guid())
                : ArticleIds.ofContent(source.id(), e.title(), body);
    articles.publish(
        RawArticle.newBuilder()
            .setId(id)
            .setSourceId(source.id())
            .setUrl(articleUrl != null ? articleUrl : e.link())
            .setFetchedAt(clock.instant())
            .setContentType(contentType)
            .setTitle(e.title() == null ? null : Jsoup.parse(e.title()).text())
            .setBody(body)
            .setPublishedAt(e.published() != null ? e.published() : e.updated())
            .setMetadata(meta)
            .build());
    if (previous.isPresent()) {
      counts.updated++;
    } else {
      counts.created++;
    }
    String key = entryKey;
    afterPublish.add(() -> state.markPublished(key, hash));
  }

  private void handlePage(
      SourceConfig source, FetchResult r, Counts counts, List<Runnable> afterPublish)
      throws FetchException {
    String binary = dev.wirewatch.schemas.BinarySniffer.binaryKind(r.body());
    if (binary != null) {
      throw new FetchException("the page is not HTML but " + binary, false);
    }
    Pages.Page page = Pages.toPage(r);
    String url =
        page.canonicalUrl() != null
            ? page.canonicalUrl()
            : CanonicalUrls.canonicalize(r.finalUrl()).orElse(r.finalUrl());
    String hash = Pages.sha256(page.html());
    String key = "url:" + url;
    Optional<String> previous = state.publishedHash(key);
    if (previous.isPresent() && previous.get().equals(hash)) {
      counts.unchanged++;
      return;
    }
    articles.publish(
        RawArticle.newBuilder()
            .setId(ArticleIds.ofUrl(url))
            .setSourceId(source.id())
            .setUrl(url)
            .setFetchedAt(clock.instant())
            .setContentType("text/html")
            .setBody(page.html())
            .setMetadata(Map.of("sourceUrl", source.url()))
            .build());
    if (previous.isPresent()) {
      counts.updated++;
    } else {
      counts.created++;
    }
    afterPublish.add(() -> state.markPublished(key, hash));
  }
}
