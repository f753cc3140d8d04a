package dev.wirewatch.processor.extract;

import java.util.Arrays;
import java.util.function.Consumer;
import org.jsoup.nodes.Attributes;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * The elements of a page's body as rows in document order (a row's number is its position in a
 * pre-order walk, so a subtree is the rows from its root up to {@link #end}). Each row holds the
 * element's parent row, counts over its whole subtree — text length with whitespace collapsed, text
 * inside links, commas, and its p, img, li and pre elements — what its enclosing elements are, and
 * what its attributes say (see the {@code HINT_} bits).
 *
 * <p>Built in the one walk of the document that also hands every element to the metadata reader.
 * The extractor's attempts then work on rows: they never walk the page again for counts, never look
 * an element up in a hash map, and match each class and id name against the keyword lists once
 * rather than once per attempt.
 */
final class PageTable {
  /** The element's class or id names a kind of element that is rarely content. */
  static final int HINT_UNLIKELY = 1;

  /** ... unless it also names something content-like. */
  static final int HINT_MAYBE = 1 << 1;

  /** The element's class or id names a consent banner. */
  static final int HINT_OVERLAY = 1 << 2;

  /** Hidden: the hidden attribute, aria-hidden="true" or a style that hides it. */
  static final int HINT_HIDDEN = 1 << 3;

  /** A role of navigation, a banner, a dialog or other page furniture. */
  static final int HINT_FURNITURE_ROLE = 1 << 4;

  /** Named like the body container of a publishing system, and not named negatively. */
  static final int HINT_BODY_MARKER = 1 << 5;

  /** A caption or picture credit (figcaption, or "caption" in its class or id). */
  static final int HINT_CAPTION = 1 << 6;

  /** The element has attributes (asking jsoup counts them anew each time). */
  static final int HINT_ATTRIBUTES = 1 << 7;

  /**
   * A byline, dateline or credit: rel=author, itemprop author, or its class or id says so. Who
   * wrote a story or took its picture is metadata, not what the story says.
   */
  static final int HINT_BYLINE = 1 << 8;

  /** A header: the {@code <header>} element, or "header" in its class or id. */
  static final int HINT_HEADER = 1 << 9;

  /** Enclosing elements: a table, code or pre (whose content is never dropped as unlikely). */
  static final int IN_TABLE_OR_CODE = 1;

  /** Enclosing elements: an article or main. */
  static final int IN_ARTICLE = 1 << 1;

  /** Enclosing elements: a pre or code. */
  static final int IN_PRE_OR_CODE = 1 << 2;

  /** Enclosing elements: a figure. */
  static final int IN_FIGURE = 1 << 3;

  Element[] el;
  int[] parent;
  int[] end;
  int[] text;
  int[] linkText;
  int[] commas;
  int[] p;
  int[] img;
  int[] li;
  int[] pre;
  private int[] hints;
  private int[] weight;
  int[] context;
  int size;

  private PageTable(int capacity) {
    el = new Element[capacity];
    parent = new int[capacity];
    end = new int[capacity];
    text = new int[capacity];
    linkText = new int[capacity];
    commas = new int[capacity];
    p = new int[capacity];
    img = new int[capacity];
    li = new int[capacity];
    pre = new int[capacity];
    hints = new int[capacity];
    weight = new int[capacity];
    context = new int[capacity];
  }

  /**
   * Walks the whole document once: every element goes to {@code visitor} (the metadata reader); the
   * body's elements become rows.
   */
  static PageTable of(Document doc, Consumer<Element> visitor) {
    PageTable t = new PageTable(1024);
    Element body = doc.body();
    NodeTraversor.filter(t.new Builder(body, visitor), doc);
    return t;
  }

  /**
   * Not yet read: a row's attributes are read when first asked for (rows in dropped subtrees never
   * are).
   */
  private static final int UNREAD = -1;

  /**
   * Class names repeat across a page (every item of a menu, every paragraph of a body), so each
   * distinct name is matched once per page.
   */
  private final java.util.HashMap<String, Integer> keywordCache = new java.util.HashMap<>();

  private int keywords(String name) {
    if (name.isEmpty()) {
      return 0;
    }
    Integer known = keywordCache.get(name);
    if (known != null) {
      return known;
    }
    int bits = Keywords.KEYWORDS.match(name);
    keywordCache.put(name, bits);
    return bits;
  }

  /**
   * The bits of a class or id value, with its positive word withdrawn when every name that carries
   * one also carries a negative word. A compound name that joins the article and one of its parts
   * ({@code article-related}, {@code entry-meta}, {@code post-comments}) names the part: the
   * article word says only whose part it is. Matched on the whole value, as Readability does, such
   * a name scored 0 (-25 and +25) and a related-links box in the body stayed.
   */
  private int weighedKeywords(String value, int bits) {
    if ((bits & Keywords.K_NEGATIVE) == 0 || (bits & Keywords.K_POSITIVE) == 0) {
      return bits;
    }
    int start = 0;
    int n = value.length();
    while (start < n) {
      int stop = start;
      while (stop < n && !Character.isWhitespace(value.charAt(stop))) {
        stop++;
      }
      if (stop > start) {
        int name = keywords(value.substring(start, stop));
        if ((name & Keywords.K_POSITIVE) != 0 && (name & Keywords.K_NEGATIVE) == 0) {
          return bits;
        }
      }
      start = stop + 1;
    }
    return bits & ~Keywords.K_POSITIVE;
  }

  /** The row's {@code HINT_} bits. */
  int hints(int row) {
    if (hints[row] == UNREAD) {
      readAttributes(row);
    }
    return hints[row];
  }

  /**
   * The row's class/id weight: -25 for a negative name, +25 for a positive one (not counted when
   * joined to a negative word in the same name), per attribute; +50 for itemprop articleBody.
   */
  int weight(int row) {
    if (hints[row] == UNREAD) {
      readAttributes(row);
    }
    return weight[row];
  }

  private void readAttributes(int row) {
    Element e = el[row];
    int h =
        switch (e.normalName()) {
          case "figcaption" -> HINT_CAPTION;
          case "header" -> HINT_HEADER;
          default -> 0;
        };
    if (e.attributesSize() == 0) {
      hints[row] = h;
      weight[row] = 0;
      return;
    }
    // One lookup each, on the attributes object: Keywords.attr would count the attributes again
    // for every lookup.
    Attributes attributes = e.attributes();
    String cls = attributes.get("class");
    String id = attributes.get("id");
    int kc = keywords(cls);
    int ki = keywords(id);
    if (ki != 0
        && text[row] <= 2 * id.length() + 16
        && end[row] - row <= 8
        && namesOwnText(id, e)) {
      // an anchor made from the element's own words ("Sharing economy" gets id sharing-economy)
      // says what the text is about, not what kind of element holds it
      ki = 0;
    }
    h |= HINT_ATTRIBUTES;
    int any = kc | ki;
    if ((any & Keywords.K_UNLIKELY) != 0) {
      h |= HINT_UNLIKELY;
    }
    if ((any & Keywords.K_MAYBE) != 0) {
      h |= HINT_MAYBE;
    }
    if ((any & Keywords.K_OVERLAY) != 0) {
      h |= HINT_OVERLAY;
    }
    if ((any & Keywords.K_CAPTION) != 0) {
      h |= HINT_CAPTION;
    }
    if ((any & Keywords.K_HEADER) != 0) {
      h |= HINT_HEADER;
    }
    if ((any & Keywords.K_BYLINE) != 0
        || attributes.get("rel").equals("author")
        || attributes.get("itemprop").contains("author")) {
      h |= HINT_BYLINE;
    }
    boolean articleBody = attributes.get("itemprop").contains("articleBody");
    if (((any & Keywords.K_BODY) != 0 || articleBody) && (any & Keywords.K_NEGATIVE) == 0) {
      h |= HINT_BODY_MARKER;
    }
    int w = 0;
    for (int k : new int[] {weighedKeywords(cls, kc), weighedKeywords(id, ki)}) {
      if ((k & Keywords.K_NEGATIVE) != 0) {
        w -= 25;
      }
      if ((k & Keywords.K_POSITIVE) != 0) {
        w += 25;
      }
    }
    weight[row] = articleBody ? w + 50 : w;
    if (attributes.hasKey("hidden")
        || "true".equals(attributes.get("aria-hidden"))
        || Keywords.isHiddenStyle(attributes.get("style"))) {
      h |= HINT_HIDDEN;
    }
    switch (attributes.get("role")) {
      case "navigation", "complementary", "contentinfo", "banner", "dialog", "alert", "menu" ->
          h |= HINT_FURNITURE_ROLE;
      default -> {}
    }
    hints[row] = h;
  }

  /** The number of the body's row (always 0), or -1 when the page has no body. */
  int bodyRow() {
    return size > 0 ? 0 : -1;
  }

  /** Whether the row's element has no element children. */
  boolean isLeaf(int row) {
    return end[row] == row + 1;
  }

  /** The number of element children of a row. */
  int childCount(int row) {
    int n = 0;
    for (int c = row + 1; c < end[row]; c = end[c]) {
      n++;
    }
    return n;
  }

  /** Whether {@code ancestor} is a strict ancestor of {@code row}. */
  boolean isAncestor(int ancestor, int row) {
    return ancestor < row && row < end[ancestor];
  }

  private void grow() {
    int c = el.length * 2;
    el = Arrays.copyOf(el, c);
    parent = Arrays.copyOf(parent, c);
    end = Arrays.copyOf(end, c);
    text = Arrays.copyOf(text, c);
    linkText = Arrays.copyOf(linkText, c);
    commas = Arrays.copyOf(commas, c);
    p = Arrays.copyOf(p, c);
    img = Arrays.copyOf(img, c);
    li = Arrays.copyOf(li, c);
    pre = Arrays.copyOf(pre, c);
    hints = Arrays.copyOf(hints, c);
    weight = Arrays.copyOf(weight, c);
    context = Arrays.copyOf(context, c);
  }

  private final class Builder implements NodeFilter {
    private final Element body;
    private final Consumer<Element> visitor;

    /** The walk's depth of the body while inside it; -1 before, -2 after. */
    private int bodyDepth = -1;

    /** The open rows, by depth below the body. */
    private int[] open = new int[64];

    private int inLink;
    private int inPageLink;
    private int tableOrCode;
    private int article;
    private int preOrCode;
    private int figure;

    Builder(Element body, Consumer<Element> visitor) {
      this.body = body;
      this.visitor = visitor;
    }

    @Override
    public FilterResult head(Node node, int depth) {
      if (!(node instanceof Element e)) {
        return FilterResult.CONTINUE;
      }
      visitor.accept(e);
      if (bodyDepth == -1 && e == body) {
        bodyDepth = depth;
      }
      if (bodyDepth < 0) {
        return FilterResult.CONTINUE;
      }
      int d = depth - bodyDepth;
      if (size == el.length) {
        grow();
      }
      int row = size++;
      el[row] = e;
      parent[row] = d == 0 ? -1 : open[d - 1];
      if (d >= open.length) {
        open = Arrays.copyOf(open, Math.max(open.length * 2, d + 1));
      }
      open[d] = row;
      String tag = e.normalName();
      context[row] =
          (tableOrCode > 0 ? IN_TABLE_OR_CODE : 0)
              | (article > 0 ? IN_ARTICLE : 0)
              | (preOrCode > 0 ? IN_PRE_OR_CODE : 0)
              | (figure > 0 ? IN_FIGURE : 0);
      hints[row] = UNREAD;
      switch (tag) {
        case "a" -> {
          inLink++;
          if (linksInPage(e)) {
            inPageLink++;
          }
        }
        case "table" -> tableOrCode++;
        case "code", "pre" -> {
          tableOrCode++;
          preOrCode++;
        }
        case "article", "main" -> article++;
        case "figure" -> figure++;
        default -> {}
      }
      return FilterResult.CONTINUE;
    }

    @Override
    public FilterResult tail(Node node, int depth) {
      if (bodyDepth < 0) {
        return FilterResult.CONTINUE;
      }
      int d = depth - bodyDepth;
      if (node instanceof TextNode t) {
        if (d > 0) {
          int row = open[d - 1];
          countText(row, t.getWholeText(), inLink > 0, inLink > 0 && inPageLink == inLink);
        }
      } else if (node instanceof Element e) {
        int row = open[d];
        end[row] = size;
        switch (e.normalName()) {
          case "a" -> {
            inLink--;
            if (linksInPage(e)) {
              inPageLink--;
            }
          }
          case "p" -> p[row]++;
          case "img" -> img[row]++;
          case "li" -> li[row]++;
          case "table" -> tableOrCode--;
          case "code" -> {
            tableOrCode--;
            preOrCode--;
          }
          case "pre" -> {
            pre[row]++;
            tableOrCode--;
            preOrCode--;
          }
          case "article", "main" -> article--;
          case "figure" -> figure--;
          default -> {}
        }
        int up = parent[row];
        if (up >= 0) {
          text[up] += text[row];
          linkText[up] += linkText[row];
          commas[up] += commas[row];
          p[up] += p[row];
          img[up] += img[row];
          li[up] += li[row];
          pre[up] += pre[row];
        }
        if (d == 0) {
          bodyDepth = -2;
        }
      }
      return FilterResult.CONTINUE;
    }
  }

  /**
   * Whether an id is the element's own text made into an anchor: the same letters and digits,
   * ignoring case and everything else. (Asked only of small elements with little text, whose text
   * is cheap to read.)
   */
  static boolean namesOwnText(String id, Element e) {
    String slug = letters(id);
    return !slug.isEmpty() && slug.length() <= 200 && slug.equals(letters(e.text()));
  }

  private static String letters(String s) {
    StringBuilder b = new StringBuilder(Math.min(s.length(), 256));
    for (int i = 0; i < s.length() && b.length() <= 200; i++) {
      char c = s.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        b.append(Character.toLowerCase(c));
      }
    }
    return b.toString();
  }

  /**
   * Whether a link leads to a place on the same page (a footnote, a section, a table of contents):
   * its text is part of what the page says, not a way off it, so it counts three tenths in the link
   * text, as in Readability.
   */
  static boolean linksInPage(Element a) {
    String href = a.attr("href");
    return href.length() > 1 && href.charAt(0) == '#';
  }

  /**
   * Counts a text node into its element's row: length with whitespace collapsed, and commas, in one
   * scan. Text in a link counts as link text, three tenths of it when every link around it leads
   * within the page.
   */
  private void countText(int row, String s, boolean inLink, boolean inPageLink) {
    int n = 0;
    int commaCount = 0;
    boolean space = false;
    for (int i = 0, len = s.length(); i < len; i++) {
      char c = s.charAt(i);
      if (c > ',' && c < '\u00a0') {
        // most characters of most text: neither whitespace nor a comma
        n++;
        space = false;
      } else if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\u00a0' || c == '\f') {
        if (!space) {
          n++;
        }
        space = true;
      } else {
        n++;
        space = false;
        if (c == ',' || c == '\u060C' || c == '\uFE50' || c == '\uFF0C' || c == '\u3001') {
          commaCount++;
        }
      }
    }
    text[row] += n;
    if (inPageLink) {
      linkText[row] += (n * 3 + 5) / 10;
    } else if (inLink) {
      linkText[row] += n;
    }
    commas[row] += commaCount;
  }
}
