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
import dev.wirewatch.ingest.source.SourceConfig;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a poll fetches besides the source itself: an entry's linked page (robots.txt and the host's
 * pace respected, refused unless it is HTML or text) and the child sitemaps of a sitemap index.
 */
final class LinkedFetches {
  private static final Logger LOG = LoggerFactory.getLogger(LinkedFetches.class);

  private final HttpFetcher fetcher;
  private final HostGate gate;
  private final RobotsCache robots;
  private final FeedParser parser;

  LinkedFetches(HttpFetcher fetcher, HostGate gate, RobotsCache robots, FeedParser parser) {
    this.fetcher = fetcher;
    this.gate = gate;
    this.robots = robots;
    this.parser = parser;
  }

  List<FeedEntry> childSitemaps(String privateHost, SourceConfig source, ParsedFeed index)
      throws InterruptedException {
    List<FeedEntry> entries = new ArrayList<>();
    for (String url : index.sitemaps().stream().limit(SourcePoller.MAX_CHILD_SITEMAPS).toList()) {
      try {
        if (!robots.allowed(url, privateHost)) {
          continue;
        }
        FetchResult r;
        try (HostGate.Permit p = gate.acquire(url)) {
          r = fetcher.fetch(url, null, null, privateHost, fetcher.limits().maxBodyBytes());
        }
        entries.addAll(parser.parse(r.body(), r.finalUrl()).entries());
      } catch (FetchException | FeedParseException e) {
        LOG.info("source {}: sitemap {} skipped: {}", source.id(), url, e.getMessage());
      }
    }
    return entries;
  }

  Pages.Page fetchPage(String url, String privateHost) throws FetchException, InterruptedException {
    String refused = robots.refusal(url, privateHost);
    if (refused != null) {
      throw new FetchException(refused, false);
    }
    FetchResult r;
    try (HostGate.Permit p = gate.acquire(url)) {
      r = fetcher.fetch(url, null, null, privateHost, fetcher.limits().maxBodyBytes());
    }
    String type = r.contentType() == null ? "" : r.contentType();
    if (!type.isEmpty() && !type.contains("html") && !type.equals("text/plain")) {
      throw new FetchException("linked page is not HTML (" + type + ")", false);
    }
    String binary = dev.wirewatch.schemas.BinarySniffer.binaryKind(r.body());
    if (binary != null) {
      throw new FetchException(
          "linked page is not HTML but "
              + binary
              + " (served as "
              + (type.isEmpty() ? "no type" : type)
              + ")",
          false);
    }
    return Pages.toPage(r);
  }
}
