package dev.wirewatch.processor.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;

/**
 * Wirewatch's article extractor, on jsoup. It finds the element that holds the article by scoring
 * text blocks — their length, commas, class/id hints and link density — and passing the scores up
 * to their ancestors; takes that element with the siblings that belong to it; drops what inside it
 * looks like furniture (link lists, share bars, forms, image galleries without text); and reads the
 * blocks in order as paragraphs. Removing site furniture from those paragraphs is cleaning's work.
 *
 * <p>Every pass is linear in the size of the page and none recurses, so deep or huge pages cost
 * bounded time and stack. Thread-safe: holds no state between calls.
 */
public final class ArticleExtractor {
  /** Characters a block must have to count as content when scoring. */
  static final int MIN_BLOCK_CHARS = 25;

  static final Set<String> DROP_TAGS =
      Set.of(
          "script",
          "style",
          "template",
          "svg",
          "canvas",
          "iframe",
          "object",
          "embed",
          "button",
          "input",
          "select",
          "textarea",
          "nav",
          "aside",
          "footer",
          "dialog",
          "menu",
          "link",
          "meta",
          "math",
          "map",
          "audio",
          "video",
          "picture");

  /** Elements whose start and end break a paragraph. */
  static final Set<String> BLOCKS =
      Set.of(
          "address",
          "article",
          "aside",
          "blockquote",
          "body",
          "center",
          "dd",
          "details",
          "dialog",
          "dir",
          "div",
          "dl",
          "dt",
          "fieldset",
          "figcaption",
          "figure",
          "footer",
          "form",
          "h1",
          "h2",
          "h3",
          "h4",
          "h5",
          "h6",
          "header",
          "hgroup",
          "hr",
          "li",
          "main",
          "menu",
          "nav",
          "ol",
          "p",
          "pre",
          "section",
          "summary",
          "table",
          "tbody",
          "td",
          "tfoot",
          "th",
          "thead",
          "tr",
          "ul",
          "br",
          "caption",
          "legend");

  /** Text shorter than this makes the extractor try again with relaxed rules (characters). */
  static final int RETRY_BELOW_CHARS = 500;

  /**
   * A relaxed attempt replaces a stricter one only when its text is this many times longer (and
   * holds the stricter text: {@link #holdsMostOf}).
   */
  static final double RETRY_GAIN = 1.6;

  /**
   * Below this much text (characters) a stricter attempt found nothing worth keeping, and a relaxed
   * attempt replaces it on length alone.
   */
  static final int RETRY_FREE_BELOW_CHARS = 100;

  /**
   * Whether a relaxed attempt holds at least half the text of a stricter one, paragraph for
   * paragraph. A relaxed attempt is there to recover what strict rules pruned from the article (a
   * body in a wrapper named like a sidebar), so it finds the stricter attempt's text and more; one
   * that finds something else entirely — a newsletter form, a sign-in dialog, which only the class
   * words the relaxed rules ignore had kept out — has found a different part of the page, and the
   * shorter article the strict rules found stays.
   */
  static boolean holdsMostOf(List<String> relaxed, List<String> strict) {
    java.util.Set<String> found = new java.util.HashSet<>(relaxed);
    long shared = 0;
    long total = 0;
    for (String p : strict) {
      total += p.length();
      if (found.contains(p)) {
        shared += p.length();
      }
    }
    return shared * 2 >= total;
  }

  /** The rules of one attempt; later attempts relax them, as Readability does. */
  record Rules(boolean stripUnlikely, boolean weightClasses, boolean cleanConditionally) {}

  private static final List<Rules> ATTEMPTS =
      List.of(
          new Rules(true, true, true),
          new Rules(false, true, true),
          new Rules(false, false, true),
          new Rules(false, false, false));

  /** Extracts the article of a page. The text is blank when the page has none. */
  public ExtractedPage extract(String html, String url) {
    Document doc = Jsoup.parse(html, url == null ? "" : url, Parser.htmlParser());
    // The document is never changed (what is dropped is only skipped), so one walk reads the
    // metadata and tabulates the body, and every attempt reuses the table.
    Metadata.Found found = new Metadata.Found();
    PageTable page = PageTable.of(doc, found::visit);
    Metadata meta = found.finish(doc);
    // What each row's element is to the attempts, decided when an attempt first reaches the row
    // (rows inside what every attempt drops are never decided, nor their attributes read).
    int[] decisions = new int[page.size];
    java.util.Arrays.fill(decisions, Kept.UNDECIDED);
    List<String> best = List.of();
    int bestLength = -1;
    for (int i = 0; i < ATTEMPTS.size(); i++) {
      List<String> paragraphs = attempt(page, decisions, ATTEMPTS.get(i));
      int length = paragraphs.stream().mapToInt(String::length).sum();
      if (length > bestLength * RETRY_GAIN
          && (bestLength < RETRY_FREE_BELOW_CHARS || holdsMostOf(paragraphs, best))) {
        best = paragraphs;
        bestLength = length;
      }
      if (length >= RETRY_BELOW_CHARS) {
        break;
      }
    }
    return finish(meta, best);
  }

  private static List<String> attempt(PageTable page, int[] decisions, Rules rules) {
    if (page.bodyRow() < 0) {
      return List.of();
    }
    Kept kept = new Kept(page, decisions, rules);
    int[] parts = ContentScoring.articleParts(page, rules, kept);
    List<String> paragraphs = new ArrayList<>();
    for (int part : parts) {
      if (rules.cleanConditionally()) {
        ContentPruning.cleanConditionally(page, part, rules, kept);
        ContentPruning.dropTrailingLinks(page, part, kept);
        ContentPruning.dropOrphanHeadings(page, part, kept);
      }
      BlockText.blocks(page, part, kept.dropped, paragraphs);
    }
    return paragraphs;
  }

  private static ExtractedPage finish(Metadata meta, List<String> found) {
    List<String> paragraphs = new ArrayList<>(found);
    if (!paragraphs.isEmpty()
        && meta.title() != null
        && BlockText.similar(paragraphs.get(0), meta.title())) {
      paragraphs.remove(0);
    }
    return new ExtractedPage(
        meta.title(),
        meta.byline(),
        meta.canonicalUrl(),
        meta.publishedAt(),
        meta.language(),
        paragraphs,
        meta.articleBody());
  }
}
