package dev.wirewatch.processor.extract;

import dev.wirewatch.processor.text.TextNormalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

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

  private static final Set<String> DROP_TAGS =
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

  private static final Set<String> SCORED =
      Set.of("p", "pre", "td", "blockquote", "section", "h2", "h3", "h4", "h5", "h6");

  private static final Set<String> DIV_BLOCK_CHILDREN =
      Set.of(
          "a",
          "blockquote",
          "dl",
          "div",
          "img",
          "ol",
          "p",
          "pre",
          "table",
          "ul",
          "section",
          "article",
          "h1",
          "h2",
          "h3",
          "h4",
          "h5",
          "h6",
          "figure",
          "header",
          "footer",
          "aside",
          "nav",
          "form");

  /** Text shorter than this makes the extractor try again with relaxed rules (characters). */
  static final int RETRY_BELOW_CHARS = 500;

  /** A relaxed attempt replaces a stricter one only when its text is this many times longer. */
  static final double RETRY_GAIN = 1.6;

  /** The rules of one attempt; later attempts relax them, as Readability does. */
  private record Rules(boolean stripUnlikely, boolean weightClasses, boolean cleanConditionally) {}

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
    java.util.Arrays.fill(decisions, UNDECIDED);
    List<String> best = List.of();
    int bestLength = -1;
    for (int i = 0; i < ATTEMPTS.size(); i++) {
      List<String> paragraphs = attempt(page, decisions, ATTEMPTS.get(i));
      int length = paragraphs.stream().mapToInt(String::length).sum();
      if (length > bestLength * RETRY_GAIN) {
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
    int[] parts = articleParts(page, rules, kept);
    List<String> paragraphs = new ArrayList<>();
    for (int part : parts) {
      if (rules.cleanConditionally()) {
        cleanConditionally(page, part, rules, kept);
      }
      blocks(page, part, kept.dropped, paragraphs);
    }
    return paragraphs;
  }

  private static ExtractedPage finish(Metadata meta, List<String> found) {
    List<String> paragraphs = new ArrayList<>(found);
    if (!paragraphs.isEmpty() && meta.title() != null && similar(paragraphs.get(0), meta.title())) {
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

  /** A row's element is kept in every attempt. */
  private static final int KEEP = 0;

  /** A row's element is dropped in every attempt. */
  private static final int DROP = 1;

  /** A row's element is dropped only by attempts that strip unlikely elements. */
  private static final int DROP_IF_UNLIKELY = 2;

  /** Not decided yet: a row is decided when an attempt first reaches it. */
  private static final int UNDECIDED = -1;

  /**
   * What attempts do with a row whose parent they keep: scripts, forms' controls, navigation,
   * hidden and unlikely elements are not content. One decision serves every attempt, since only the
   * unlikely rule depends on the attempt. {@code half} is half the page's text.
   */
  private static int dropDecision(PageTable page, int row, int half) {
    Element e = page.el[row];
    String tag = e.normalName();
    if (DROP_TAGS.contains(tag)) {
      return DROP;
    }
    // A row holds "a minor part" of the page when under half of the page's text is inside it.
    boolean minor = page.text[row] < half;
    // Page headers (outside article and main), forms (comment, login, newsletter, consent) and
    // noscript fallbacks are not the article — unless a broken or script-rendered page put most
    // of its text inside one.
    if ((tag.equals("header") && (page.context[row] & PageTable.IN_ARTICLE) == 0)
        || tag.equals("noscript")) {
      return minor ? DROP : KEEP;
    }
    if (tag.equals("form")) {
      // a shop's product form holds its description: paragraphs of prose
      return minor && !hasProse(page, row) ? DROP : KEEP;
    }
    int hints = page.hints(row);
    if ((hints & PageTable.HINT_ATTRIBUTES) == 0) {
      return KEEP;
    }
    if ((hints & (PageTable.HINT_HIDDEN | PageTable.HINT_FURNITURE_ROLE)) != 0) {
      return DROP;
    }
    if ((page.context[row] & PageTable.IN_TABLE_OR_CODE) != 0
        || tag.equals("body")
        || tag.equals("html")
        || tag.equals("article")
        || tag.equals("main")
        || tag.equals("a")) {
      return KEEP;
    }
    if ((hints & PageTable.HINT_OVERLAY) != 0) {
      // consent banners are never the article, in any attempt
      return minor ? DROP : KEEP;
    }
    if ((hints & PageTable.HINT_UNLIKELY) != 0 && (hints & PageTable.HINT_MAYBE) == 0) {
      // a layout wrapper named after its sidebar still holds the article (a list is no wrapper)
      return tag.equals("ul") || tag.equals("ol") || minor ? DROP_IF_UNLIKELY : KEEP;
    }
    return KEEP;
  }

  /** Whether a paragraph of at least 150 characters lies under the row. */
  private static boolean hasProse(PageTable page, int row) {
    for (int r = row + 1; r < page.end[row]; r++) {
      if (page.text[r] >= 150 && page.el[r].normalName().equals("p")) {
        return true;
      }
    }
    return false;
  }

  /**
   * One attempt's view of the page: which rows it drops, and the counts of what it keeps (the
   * table's counts less those of the dropped subtrees).
   */
  private static final class Kept {
    final boolean[] counted;
    final boolean[] dropped;
    final int[] text;
    final int[] linkText;
    final int[] commas;
    final int[] p;
    final int[] img;
    final int[] li;
    final int[] pre;

    Kept(PageTable page, int[] decisions, Rules rules) {
      int n = page.size;
      counted = new boolean[n];
      dropped = new boolean[n];
      text = java.util.Arrays.copyOf(page.text, n);
      linkText = java.util.Arrays.copyOf(page.linkText, n);
      commas = java.util.Arrays.copyOf(page.commas, n);
      p = java.util.Arrays.copyOf(page.p, n);
      img = java.util.Arrays.copyOf(page.img, n);
      li = java.util.Arrays.copyOf(page.li, n);
      pre = java.util.Arrays.copyOf(page.pre, n);
      int row = 0;
      int half = n == 0 ? 0 : page.text[0] / 2;
      while (row < n) {
        if (decisions[row] == UNDECIDED) {
          decisions[row] = dropDecision(page, row, half);
        }
        int d = decisions[row];
        if (d == DROP || (d == DROP_IF_UNLIKELY && rules.stripUnlikely())) {
          dropped[row] = true;
          for (int up = page.parent[row]; up >= 0; up = page.parent[up]) {
            text[up] -= page.text[row];
            linkText[up] -= page.linkText[row];
            commas[up] -= page.commas[row];
            p[up] -= page.p[row];
            img[up] -= page.img[row];
            li[up] -= page.li[row];
            pre[up] -= page.pre[row];
          }
          row = page.end[row];
        } else {
          counted[row] = true;
          row++;
        }
      }
    }

    double linkDensity(int row) {
      return text[row] == 0 ? 0 : Math.min(1, (double) linkText[row] / text[row]);
    }
  }

  /**
   * Scores the blocks and returns the top candidate's row with the sibling rows that belong to it.
   */
  private static int[] articleParts(PageTable page, Rules rules, Kept kept) {
    int n = page.size;
    double[] score = new double[n];
    boolean[] scored = new boolean[n];
    // Rows in the order they were first scored, so that ties between candidates resolve the same
    // way on every run.
    int[] order = new int[n];
    int orderSize = 0;
    for (int row = 0; row < n; row++) {
      if (!kept.counted[row]) {
        continue;
      }
      String tag = page.el[row].normalName();
      boolean block = SCORED.contains(tag) || (tag.equals("div") && !hasBlockChild(page.el[row]));
      if (!block || kept.text[row] < MIN_BLOCK_CHARS) {
        continue;
      }
      double s = 1 + kept.commas[row] + Math.min(Math.floor(kept.text[row] / 100.0), 3);
      int a = page.parent[row];
      for (int level = 0; a >= 0 && level < 5; level++, a = page.parent[a]) {
        if (!scored[a]) {
          scored[a] = true;
          score[a] = initialScore(page, a, rules);
          order[orderSize++] = a;
        }
        double divider = level == 0 ? 1 : level == 1 ? 2 : level * 3;
        score[a] += s / divider;
      }
    }
    int top = -1;
    double topScore = 0;
    for (int i = 0; i < orderSize; i++) {
      int a = order[i];
      score[a] *= 1 - kept.linkDensity(a);
      if (score[a] > topScore) {
        top = a;
        topScore = score[a];
      }
    }
    if (top < 0) {
      return new int[] {0};
    }
    // The body container of the common publishing systems, named by its class: when it holds real
    // text it is the article, whatever the scores of its parts or of its wrappers say.
    int marked = rules.weightClasses() ? markedBody(page, kept) : -1;
    if (marked >= 0
        && (marked == top
            || page.isAncestor(marked, top)
            || (!page.isAncestor(top, marked) && kept.text[marked] >= kept.text[top] / 2))) {
      top = marked;
      topScore = Math.max(topScore, scored[marked] ? score[marked] : topScore);
    }
    // An article split into several blocks: when at least three other strong candidates share an
    // ancestor with the top one, that ancestor holds the article.
    List<Integer> alternatives = new ArrayList<>();
    for (int i = 0; i < orderSize; i++) {
      int a = order[i];
      if (a != top && score[a] >= topScore * 0.75) {
        alternatives.add(a);
      }
    }
    alternatives.sort((x, y) -> Double.compare(score[y], score[x])); // stable: ties stay in order
    if (alternatives.size() > 5) {
      alternatives = alternatives.subList(0, 5);
    }
    if (alternatives.size() >= 3) {
      for (int up = page.parent[top]; up > 0; up = page.parent[up]) {
        int contained = 0;
        for (int alt : alternatives) {
          if (page.isAncestor(up, alt)) {
            contained++;
          }
        }
        if (contained >= 3) {
          top = up;
          topScore = Math.max(topScore, scored[up] ? score[up] : topScore);
          break;
        }
      }
    }
    // A lone child is no different from its parent: climb while the parent holds nothing else.
    while (page.parent[top] > 0 && page.childCount(page.parent[top]) == 1) {
      top = page.parent[top];
    }
    int parent = page.parent[top];
    if (parent < 0) {
      return new int[] {top};
    }
    double threshold = Math.max(10, topScore * 0.2);
    String topClass = Keywords.attr(page.el[top], "class");
    int topIndex = -1;
    for (int c = parent + 1, i = 0; c < page.end[parent]; c = page.end[c], i++) {
      if (c == top) {
        topIndex = i;
      }
    }
    int[] parts = new int[page.childCount(parent)];
    int partCount = 0;
    for (int sibling = parent + 1, index = 0;
        sibling < page.end[parent];
        sibling = page.end[sibling], index++) {
      if (!kept.counted[sibling]) {
        continue;
      }
      Element e = page.el[sibling];
      // The block right before or after the article body (a lead, a teaser, a closing note) belongs
      // to it when it is real text: long enough, hardly linked, not named like furniture.
      if (Math.abs(index - topIndex) == 1) {
        String tag = e.normalName();
        if ((tag.equals("div") || tag.equals("section") || tag.equals("p"))
            && kept.text[sibling] > 100
            && kept.linkDensity(sibling) < 0.2
            && (!rules.weightClasses() || page.weight(sibling) >= 0)) {
          parts[partCount++] = sibling;
          continue;
        }
      }
      if (sibling == top) {
        parts[partCount++] = sibling;
        continue;
      }
      double bonus =
          !topClass.isEmpty() && Keywords.attr(e, "class").equals(topClass) ? topScore * 0.2 : 0;
      if (scored[sibling] && score[sibling] + bonus >= threshold) {
        parts[partCount++] = sibling;
      } else if (e.normalName().equals("p")) {
        int len = kept.text[sibling];
        double ld = kept.linkDensity(sibling);
        if ((len > 80 && ld < 0.25)
            || (len > 0 && len <= 80 && ld == 0 && e.text().matches("(?s).*\\.( |$).*"))) {
          parts[partCount++] = sibling;
        }
      }
    }
    return java.util.Arrays.copyOf(parts, partCount);
  }

  /** The largest row named like an article body that holds real, hardly linked text; or -1. */
  private static int markedBody(PageTable page, Kept kept) {
    int best = -1;
    int bestText = 199;
    for (int row = 0; row < page.size; row++) {
      if (kept.counted[row]
          && (page.hints(row) & PageTable.HINT_BODY_MARKER) != 0
          && kept.text[row] > bestText
          && kept.linkDensity(row) < 0.35) {
        best = row;
        bestText = kept.text[row];
      }
    }
    return best;
  }

  private static boolean hasBlockChild(Element e) {
    // Walks the children in place: children() would copy them into a new list for every element.
    for (Element c = e.firstElementChild(); c != null; c = c.nextElementSibling()) {
      if (DIV_BLOCK_CHILDREN.contains(c.normalName())) {
        return true;
      }
    }
    return false;
  }

  private static double initialScore(PageTable page, int row, Rules rules) {
    double s =
        switch (page.el[row].normalName()) {
          case "div", "article", "main" -> 5;
          case "pre", "td", "blockquote", "section" -> 3;
          case "address", "ol", "ul", "dl", "dd", "dt", "li", "form" -> -3;
          case "h1", "h2", "h3", "h4", "h5", "h6", "th" -> -5;
          default -> 0;
        };
    return s + (rules.weightClasses() ? page.weight(row) : 0);
  }

  /** Drops furniture inside the chosen content: link lists, image strips, empty shells. */
  private static void cleanConditionally(PageTable page, int root, Rules rules, Kept kept) {
    // Decided bottom-up over the rows the attempt kept; a row dropped here does not change what
    // the rows around it decide (the counts stay those of the attempt).
    List<Integer> drop = new ArrayList<>();
    for (int row = page.end[root] - 1; row > root; row--) {
      if (!kept.counted[row]) {
        continue;
      }
      if ((page.hints(row) & PageTable.HINT_CAPTION) != 0) {
        // captions and picture credits: what a picture shows is not the story's text
        drop.add(row);
        continue;
      }
      String tag = page.el[row].normalName();
      if (!(tag.equals("div")
          || tag.equals("ul")
          || tag.equals("ol")
          || tag.equals("table")
          || tag.equals("section")
          || tag.equals("form")
          || tag.equals("figure")
          || tag.equals("dl"))) {
        continue;
      }
      if ((page.context[row] & PageTable.IN_PRE_OR_CODE) != 0) {
        continue;
      }
      double weight = rules.weightClasses() ? page.weight(row) : 0;
      int len = kept.text[row];
      double ld = kept.linkDensity(row);
      if (weight < 0 && len < 1000) {
        drop.add(row);
        continue;
      }
      if (kept.commas[row] >= 10) {
        continue;
      }
      int p = kept.p[row];
      int img = kept.img[row];
      int li = kept.li[row] - 100;
      boolean isList = tag.equals("ul") || tag.equals("ol");
      boolean remove =
          (img > 1 && (double) p / img < 0.5 && (page.context[row] & PageTable.IN_FIGURE) == 0)
              || (!isList && li > p)
              || (weight < 25 && ld > 0.2 && len < 1000 && !isList)
              || (weight >= 25 && ld > 0.5)
              || (isList && ld > 0.6 && len < 2000)
              || (len < MIN_BLOCK_CHARS
                  && img == 0
                  && !tag.equals("table")
                  && kept.pre[row] == 0
                  && page.isLeaf(row));
      if (remove) {
        drop.add(row);
      }
    }
    for (int row : drop) {
      kept.dropped[row] = true;
    }
  }

  /** Appends the text under a row as paragraphs, in reading order, skipping dropped rows. */
  private static void blocks(PageTable page, int root, boolean[] dropped, List<String> into) {
    Paragraphs out = new Paragraphs(into);
    // The walk meets elements in the table's order, so the next element met is row 'next'.
    int[] next = {root};
    NodeTraversor.filter(
        new NodeFilter() {
          @Override
          public FilterResult head(Node node, int depth) {
            if (node instanceof TextNode t) {
              out.append(t.getWholeText());
            } else if (node instanceof Element e) {
              int row = next[0]++;
              if (dropped[row]) {
                next[0] = page.end[row];
                return FilterResult.SKIP_ENTIRELY;
              }
              if (BLOCKS.contains(e.normalName())) {
                out.breakParagraph();
              }
            }
            return FilterResult.CONTINUE;
          }

          @Override
          public FilterResult tail(Node node, int depth) {
            if (node instanceof Element e && BLOCKS.contains(e.normalName())) {
              out.breakParagraph();
            }
            return FilterResult.CONTINUE;
          }
        },
        page.el[root]);
    out.breakParagraph();
  }

  /**
   * Paragraphs built from text appended piece by piece, whitespace collapsed as it comes (the same
   * result as {@link TextNormalizer#collapse} of the whole paragraph, without copying it twice).
   */
  private static final class Paragraphs {
    final List<String> list;
    private final StringBuilder current = new StringBuilder();
    private boolean pendingSpace;

    Paragraphs(List<String> into) {
      this.list = into;
    }

    void append(String text) {
      int n = text.length();
      int i = 0;
      while (i < n) {
        if (TextNormalizer.isSpace(text.charAt(i))) {
          pendingSpace = current.length() > 0;
          i++;
          continue;
        }
        int end = i + 1;
        while (end < n && !TextNormalizer.isSpace(text.charAt(end))) {
          end++;
        }
        if (pendingSpace) {
          current.append(' ');
          pendingSpace = false;
        }
        current.append(text, i, end);
        i = end;
      }
    }

    void breakParagraph() {
      if (current.length() > 0) {
        list.add(current.toString());
        current.setLength(0);
      }
      pendingSpace = false;
    }
  }

  private static boolean similar(String a, String b) {
    String x = wordChars(a);
    String y = wordChars(b);
    return !x.isEmpty() && (x.equals(y) || (y.contains(x) && x.length() > y.length() * 0.6));
  }

  /**
   * The text lower-cased with every non-word character ({@code \\W}: not an ASCII letter, digit or
   * _) removed.
   */
  static String wordChars(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_') {
        out.append(c);
      } else if (c >= 'A' && c <= 'Z') {
        out.append((char) (c + ('a' - 'A')));
      } else if (c > 127) {
        // lower-cased as String.toLowerCase would, then dropped unless it became a word character
        String lower = String.valueOf(c).toLowerCase(Locale.ROOT);
        for (int j = 0; j < lower.length(); j++) {
          char l = lower.charAt(j);
          if ((l >= 'a' && l <= 'z') || (l >= '0' && l <= '9') || l == '_') {
            out.append(l);
          }
        }
      }
    }
    return out.toString();
  }
}
