package dev.wirewatch.processor.extract;

import java.time.Instant;
import java.util.List;

/**
 * What extraction found on a page, before any site furniture is removed (that is cleaning's work).
 * Any field but the lists may be null when unknown.
 *
 * @param title the article's title
 * @param byline its author(s)
 * @param canonicalUrl the address the page gives as its own
 * @param publishedAt publication time the page states
 * @param language ISO 639-1 code the page declares
 * @param paragraphs the article's blocks in order, the title removed from the head
 * @param structuredBody the article body of the page's structured data (JSON-LD), which holds the
 *     text where the markup does not (pages rendered by script); null when absent
 */
public record ExtractedPage(
    String title,
    String byline,
    String canonicalUrl,
    Instant publishedAt,
    String language,
    List<String> paragraphs,
    String structuredBody) {
  public ExtractedPage {
    paragraphs = List.copyOf(paragraphs);
  }
}
