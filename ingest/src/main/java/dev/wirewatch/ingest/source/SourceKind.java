package dev.wirewatch.ingest.source;

/** What a source's URL serves. */
public enum SourceKind {
  /** RSS 0.9x/1.0/2.0, Atom, RDF or JSON Feed: detected from the document. */
  FEED,
  /** A sitemap or sitemap index, typically a Google News sitemap. */
  SITEMAP,
  /** A single article page. */
  PAGE
}
