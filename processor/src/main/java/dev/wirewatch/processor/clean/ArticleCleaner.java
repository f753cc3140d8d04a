package dev.wirewatch.processor.clean;

import dev.wirewatch.processor.clean.furniture.Furniture;
import dev.wirewatch.processor.clean.furniture.SourceTemplates;
import dev.wirewatch.processor.clean.furniture.TemplateWindow;
import dev.wirewatch.processor.text.TextNormalizer;
import dev.wirewatch.schemas.BinarySniffer;
import dev.wirewatch.schemas.RawArticle;
import java.util.List;
import java.util.Locale;

/**
 * Cleans a raw article whatever its content type: HTML through the {@link PageCleaner} (extraction,
 * then the furniture rules), plain text through {@link TextNormalizer} and {@link Furniture}; then
 * the lines its source has shown to be template ({@link SourceTemplates}) go too. All removal of
 * site furniture happens here and in {@code clean.furniture}.
 */
public final class ArticleCleaner {
  /** Characters of body above which a raw article is refused rather than parsed (16 Mi). */
  public static final int DEFAULT_MAX_BODY_CHARS = 16 * 1024 * 1024;

  private final int maxBodyChars;
  private final PageCleaner pages = new PageCleaner();

  public ArticleCleaner(int maxBodyChars) {
    if (maxBodyChars < 1) {
      throw new IllegalArgumentException("maxBodyChars must be positive, got " + maxBodyChars);
    }
    this.maxBodyChars = maxBodyChars;
  }

  /**
   * Cleans the article, then drops the lines its source has shown to be template (and adds this
   * article's lines to what the source is learned from).
   *
   * @throws CleaningException when the body is too large or no article text remains
   */
  public CleanedArticle clean(RawArticle raw, SourceTemplates templates) {
    CleanedArticle cleaned = clean(raw);
    TemplateWindow window = templates.get(raw.getSourceId());
    if (window == null) {
      return cleaned;
    }
    List<String> paragraphs = List.of(cleaned.text().split("\n\n"));
    String text = String.join("\n\n", window.strip(paragraphs));
    window.add(raw.getId(), paragraphs);
    templates.put(raw.getSourceId(), window);
    return new CleanedArticle(
        cleaned.title(),
        cleaned.byline(),
        cleaned.canonicalUrl(),
        cleaned.publishedAt(),
        cleaned.language(),
        text);
  }

  /**
   * Cleans the article.
   *
   * @throws CleaningException when the body is too large or no article text remains
   */
  public CleanedArticle clean(RawArticle raw) {
    String body = raw.getBody();
    if (body.length() > maxBodyChars) {
      throw new CleaningException(
          "body of " + body.length() + " characters exceeds the limit of " + maxBodyChars);
    }
    String binary = BinarySniffer.binaryKind(body);
    if (binary != null) {
      throw new CleaningException("not text but " + binary + " (whatever its content type said)");
    }
    String type = raw.getContentType() == null ? "" : raw.getContentType().toLowerCase(Locale.ROOT);
    CleanedArticle cleaned;
    if (type.contains("html") || (type.isEmpty() && looksLikeHtml(body))) {
      cleaned = pages.clean(body, raw.getUrl());
    } else {
      List<String> paragraphs = Furniture.strip(TextNormalizer.paragraphs(body));
      cleaned = new CleanedArticle(null, null, null, null, null, String.join("\n\n", paragraphs));
    }
    String extractedBinary = BinarySniffer.binaryKind(cleaned.text());
    if (extractedBinary != null) {
      // Binary data wrapped in markup on its way here (a page parsed and written out as HTML)
      throw new CleaningException(
          "not text but " + extractedBinary + " (whatever its content type said)");
    }
    if (cleaned.text().isBlank()) {
      throw new CleaningException("no article text left after removing markup and site furniture");
    }
    if (cleaned.text().length() > MAX_TEXT_CHARS) {
      cleaned =
          new CleanedArticle(
              cleaned.title(),
              cleaned.byline(),
              cleaned.canonicalUrl(),
              cleaned.publishedAt(),
              cleaned.language(),
              TextNormalizer.lead(cleaned.text(), MAX_TEXT_CHARS));
    }
    return cleaned;
  }

  /**
   * The most text an article keeps, in characters: some 25 times a long news article. A page with
   * more is a dump (a log, a data table, a transcript); its text whole would cost every later stage
   * memory in proportion — the indexer's analysis of a 15 MB text alone is past a 256 MB heap — and
   * an article of it could not be written to news.articles. Its first part is kept.
   */
  public static final int MAX_TEXT_CHARS = 1_000_000;

  private static boolean looksLikeHtml(String body) {
    String head = body.substring(0, Math.min(body.length(), 512)).toLowerCase(Locale.ROOT);
    return head.contains("<html") || head.contains("<!doctype html") || head.contains("<body");
  }
}
