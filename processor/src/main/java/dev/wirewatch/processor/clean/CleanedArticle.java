package dev.wirewatch.processor.clean;

import java.time.Instant;

/**
 * What cleaning found in a raw article. Any field but {@code text} may be null when unknown.
 *
 * @param title the article's title
 * @param byline its author(s)
 * @param canonicalUrl the address the page gives as its own
 * @param publishedAt publication time the page states
 * @param language ISO 639-1 code the page declares
 * @param text paragraphs separated by one blank line, furniture removed; never blank
 */
public record CleanedArticle(
    String title,
    String byline,
    String canonicalUrl,
    Instant publishedAt,
    String language,
    String text) {}
