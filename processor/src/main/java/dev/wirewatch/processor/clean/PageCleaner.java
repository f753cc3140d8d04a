package dev.wirewatch.processor.clean;

import dev.wirewatch.processor.clean.furniture.Furniture;
import dev.wirewatch.processor.extract.ArticleExtractor;
import dev.wirewatch.processor.extract.ExtractedPage;
import dev.wirewatch.processor.text.TextNormalizer;
import java.util.List;

/**
 * A web page down to its article: extraction ({@link ArticleExtractor}) chooses the content, then
 * the site-furniture rules ({@link Furniture}) drop what is left of the site around it. When the
 * markup holds almost nothing (a page rendered by script), the page's structured data is used.
 * Thread-safe.
 */
public final class PageCleaner {
  /** Text shorter than this (characters) lets the page's structured data speak instead. */
  static final int THIN_TEXT_CHARS = 100;

  private final ArticleExtractor extractor = new ArticleExtractor();

  /** The article of a page; its text is blank when the page has none. */
  public CleanedArticle clean(String html, String url) {
    ExtractedPage page = extractor.extract(html, url);
    String text = join(Furniture.strip(page.paragraphs()));
    String body = page.structuredBody();
    if (text.length() < THIN_TEXT_CHARS && body != null && body.length() > text.length()) {
      // The page's markup hides the article (rendered by script); its structured data does not.
      text = join(Furniture.strip(TextNormalizer.paragraphs(body)));
    }
    return new CleanedArticle(
        page.title(),
        page.byline(),
        page.canonicalUrl(),
        page.publishedAt(),
        page.language(),
        text);
  }

  private static String join(List<String> paragraphs) {
    return String.join("\n\n", paragraphs);
  }
}
