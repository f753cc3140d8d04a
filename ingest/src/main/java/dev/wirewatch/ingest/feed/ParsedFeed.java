package dev.wirewatch.ingest.feed;

import java.util.List;

/**
 * A parsed feed or sitemap.
 *
 * @param format what it was: rss, atom, rdf, json, sitemap, sitemap-index, cdf
 * @param title the feed's title, if any
 * @param entries its items, in document order
 * @param sitemaps for a sitemap index, the addresses of its sitemaps
 */
public record ParsedFeed(
    String format, String title, List<FeedEntry> entries, List<String> sitemaps) {
  public ParsedFeed {
    entries = List.copyOf(entries);
    sitemaps = List.copyOf(sitemaps);
  }
}
