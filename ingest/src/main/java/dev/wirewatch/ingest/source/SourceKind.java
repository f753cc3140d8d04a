package dev.wirewatch.ingest.source;

import dev.wirewatch.schemas.InvalidSettingException;
import java.util.Locale;

/** What a source's URL serves. */
public enum SourceKind {
  /** RSS 0.9x/1.0/2.0, Atom, RDF or JSON Feed: detected from the document. */
  FEED,
  /** A sitemap or sitemap index, typically a Google News sitemap. */
  SITEMAP,
  /** A single article page. */
  PAGE;

  /**
   * The kind a sources file names, by any of its common names ({@code rss}, {@code atom}, {@code
   * news-sitemap}, {@code article}…); null for the default, {@link #FEED}.
   */
  public static SourceKind parse(String name) {
    if (name == null || name.isBlank()) {
      return FEED;
    }
    return switch (name.strip().toLowerCase(Locale.ROOT)) {
      case "feed", "rss", "atom", "rdf", "json", "jsonfeed" -> FEED;
      case "sitemap", "news-sitemap" -> SITEMAP;
      case "page", "article" -> PAGE;
      default ->
          throw new InvalidSettingException(
              "kind", "'" + name + "' is not one of feed, rss, atom, json, sitemap, page");
    };
  }
}
