package dev.wirewatch.processor.extract;

import dev.wirewatch.processor.clean.CleanedArticle;
import dev.wirewatch.processor.clean.Furniture;
import dev.wirewatch.processor.clean.TextNormalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.jsoup.select.Elements;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * Wirewatch's article extractor, on jsoup. It finds the element that holds the article by scoring
 * text blocks — their length, commas, class/id hints and link density — and passing the scores up
 * to their ancestors; takes that element with the siblings that belong to it; drops what inside it
 * looks like furniture (link lists, share bars, forms, image galleries without text); and reads the
 * blocks in order as paragraphs. Site furniture rules ({@link Furniture}) run on the result.
 *
 * <p>Every pass is linear in the size of the page and none recurses, so deep or huge pages cost
 * bounded time and stack. Thread-safe: holds no state between calls.
 */
public final class ArticleExtractor {
  /** Characters a block must have to count as content when scoring. */
  static final int MIN_BLOCK_CHARS = 25;

  /** Class/id words of elements that are rarely content (Readability's list, and some more). */
  private static final Keywords UNLIKELY = new Keywords(
      "-ad-", "ai2html", "banner", "breadcrumbs", "combx", "comment", "community", "cover-wrap", "disqus", "extra",
      "footer", "gdpr", "header", "legends", "menu", "related", "remark", "replies", "rss", "shoutbox", "sidebar",
      "skyscraper", "social", "sponsor", "supplemental", "ad-break", "agegate", "pagination", "pager", "popup",
      "yom-remote", "cookie", "newsletter", "share", "sharing", "promo", "outbrain", "taboola", "widget", "navbar",
      "subscribe", "signup", "toolbar", "byline-social", "tags", "taglist", "author-bio", "recommend");
  /** Class/id words of consent banners: whatever else they are named, never content. */
  private static final Keywords OVERLAY = new Keywords(
      "cookie", "consent", "dsgvo", "gdpr");
  /** ... unless they also carry one of these. */
  private static final Keywords MAYBE = new Keywords(
      "and", "article", "body", "column", "content", "main", "shadow", "story", "entry", "post", "text");
  private static final Keywords POSITIVE = new Keywords(
      "article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "pagination", "post", "text", "blog",
      "story", "prose", "rich-text");
  private static final Keywords NEGATIVE = new Keywords(
      "-ad-", "hidden", "banner", "combx", "comment", "com-", "contact", "foot", "footnote", "gdpr", "masthead",
      "media", "meta", "outbrain", "promo", "related", "scroll", "share", "shoutbox", "sidebar", "skyscraper",
      "sponsor", "shopping", "tags", "tool", "widget", "nav", "menu", "social", "subscribe", "newsletter", "cookie",
      "breadcrumb", "byline", "author", "caption", "credit");

  private static final Set<String> DROP_TAGS = Set.of(
      "script", "style", "template", "svg", "canvas", "iframe", "object", "embed", "button", "input",
      "select", "textarea", "nav", "aside", "footer", "dialog", "menu", "link", "meta", "math", "map", "audio", "video", "picture");

  /** Elements whose start and end break a paragraph. */
  static final Set<String> BLOCKS = Set.of(
      "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog", "dir", "div", "dl",
      "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
      "hgroup", "hr", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td",
      "tfoot", "th", "thead", "tr", "ul", "br", "caption", "legend");

  private static final Set<String> SCORED = Set.of("p", "pre", "td", "blockquote", "section", "h2", "h3", "h4", "h5", "h6");

  private static final Set<String> DIV_BLOCK_CHILDREN = Set.of(
      "a", "blockquote", "dl", "div", "img", "ol", "p", "pre", "table", "ul", "section", "article", "h1", "h2", "h3",
      "h4", "h5", "h6", "figure", "header", "footer", "aside", "nav", "form");

  /** Text shorter than this makes the extractor try again with relaxed rules (characters). */
  static final int RETRY_BELOW_CHARS = 500;

  /** A relaxed attempt replaces a stricter one only when its text is this many times longer. */
  static final double RETRY_GAIN = 1.6;

  /** The rules of one attempt; later attempts relax them, as Readability does. */
  private record Rules(boolean stripUnlikely, boolean weightClasses, boolean cleanConditionally) {}

  private static final List<Rules> ATTEMPTS = List.of(
      new Rules(true, true, true), new Rules(false, true, true), new Rules(false, false, true), new Rules(false, false, false));

  /** Extracts the article of a page. The text is blank when the page has none. */
  public CleanedArticle extract(String html, String url) {
    Document doc = Jsoup.parse(html, url == null ? "" : url, Parser.htmlParser());
    // The document is never changed (what is dropped is only skipped), so every attempt reuses it,
    // and the one walk that read the metadata and every element's text length.
    WholePage whole = new WholePage(doc);
    List<String> best = List.of();
    int bestLength = -1;
    for (int i = 0; i < ATTEMPTS.size(); i++) {
      List<String> paragraphs = attempt(doc, ATTEMPTS.get(i), whole);
      int length = paragraphs.stream().mapToInt(String::length).sum();
      if (length > bestLength * RETRY_GAIN) {
        best = paragraphs;
        bestLength = length;
      }
      if (length >= RETRY_BELOW_CHARS) {
        break;
      }
    }
    return finish(whole.meta, best);
  }

  /**
   * What the attempts share about the whole page: its metadata (read in one walk before the
   * first attempt), and its text length, computed when an element first asks whether it holds
   * most of the page. Element lengths are counted only for the few elements that ask (page
   * headers, forms, overlays, unlikely wrappers), and only up to half the page: counting every
   * element up front costs more than it saves.
   */
  private static final class WholePage {
    final Metadata meta;
    private final Element body;
    private int pageText = -1;

    WholePage(Document doc) {
      Metadata.Found found = new Metadata.Found();
      NodeTraversor.traverse((node, depth) -> {
        if (node instanceof Element e) {
          found.visit(e);
        }
      }, doc);
      meta = found.finish(doc);
      body = doc.body();
    }

    /** Whether the element holds less than half of the page's text (counting stops at half). */
    boolean minor(Element e) {
      if (pageText < 0) {
        pageText = body == null ? 0 : ArticleExtractor.textLength(body, Integer.MAX_VALUE);
      }
      int half = pageText / 2;
      return ArticleExtractor.textLength(e, half) < half;
    }
  }

  private static List<String> attempt(Document doc, Rules rules, WholePage whole) {
    Element body = doc.body();
    if (body == null) {
      return List.of();
    }
    Set<Element> dropped = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    BlockStats stats = prepare(body, rules, whole, dropped);
    List<Element> parts = articleParts(body, rules, stats);
    List<String> paragraphs = new ArrayList<>();
    for (Element part : parts) {
      if (rules.cleanConditionally()) {
        cleanConditionally(part, rules, stats, dropped);
      }
      paragraphs.addAll(blocks(part, dropped));
    }
    return paragraphs;
  }

  private static CleanedArticle finish(Metadata meta, List<String> found) {
    List<String> paragraphs = new ArrayList<>(found);
    if (!paragraphs.isEmpty() && meta.title() != null && similar(paragraphs.get(0), meta.title())) {
      paragraphs.remove(0);
    }
    String text = String.join("\n\n", Furniture.strip(paragraphs));
    if (text.length() < 100 && meta.articleBody() != null && meta.articleBody().length() > text.length()) {
      // The page's markup hides the article (rendered by script); its structured data does not.
      text = String.join("\n\n", Furniture.strip(TextNormalizer.paragraphs(meta.articleBody())));
    }
    return new CleanedArticle(meta.title(), meta.byline(), meta.canonicalUrl(), meta.publishedAt(), meta.language(), text);
  }

  /**
   * Drops what is never content (scripts, forms' controls, navigation, hidden and unlikely
   * elements) into {@code dropped}, and counts the rest, in one walk.
   */
  private static BlockStats prepare(Element body, Rules rules, WholePage whole, Set<Element> dropped) {
    BlockStats.Counter counter = new BlockStats.Counter();
    // Depths of the enclosing table/code and article elements, kept while walking. A removed
    // element's subtree is neither walked nor left behind.
    int[] guarded = {0};
    int[] inArticle = {0};
    NodeTraversor.filter(new NodeFilter() {
      @Override
      public FilterResult head(Node node, int depth) {
        if (!(node instanceof Element e)) {
          return FilterResult.CONTINUE;
        }
        if (shouldDrop(e)) {
          dropped.add(e);
          return FilterResult.SKIP_ENTIRELY;
        }
        counter.enter(e, depth);
        String tag = e.normalName();
        if (tag.equals("table") || tag.equals("code") || tag.equals("pre")) {
          guarded[0]++;
        } else if (tag.equals("article") || tag.equals("main")) {
          inArticle[0]++;
        }
        return FilterResult.CONTINUE;
      }

      private boolean shouldDrop(Element e) {
        String tag = e.normalName();
        if (DROP_TAGS.contains(tag)) {
          return true;
        }
        // Page headers (outside article and main), forms (comment, login, newsletter, consent) and
        // noscript fallbacks are not the article — unless a broken or script-rendered page put most
        // of its text inside one.
        if ((tag.equals("header") && inArticle[0] == 0) || tag.equals("noscript")) {
          return whole.minor(e);
        }
        if (tag.equals("form")) {
          // a shop's product form holds its description: paragraphs of prose
          return whole.minor(e) && !hasProse(e);
        }
        if (e.attributesSize() == 0) {
          return false;
        }
        if (Keywords.has(e, "hidden") || "true".equals(Keywords.attr(e, "aria-hidden"))
            || isHiddenStyle(Keywords.attr(e, "style"))) {
          return true;
        }
        String role = Keywords.attr(e, "role");
        if (role.equals("navigation") || role.equals("complementary") || role.equals("contentinfo")
            || role.equals("banner") || role.equals("dialog") || role.equals("alert") || role.equals("menu")) {
          return true;
        }
        if (guarded[0] > 0 || tag.equals("body") || tag.equals("html") || tag.equals("article") || tag.equals("main")
            || tag.equals("a")) {
          return false;
        }
        String hints = Keywords.hints(e);
        if (!hints.isEmpty() && OVERLAY.in(hints)) {
          // consent banners are never the article, in any attempt
          return whole.minor(e);
        }
        if (!rules.stripUnlikely()) {
          return false;
        }
        if (!hints.isEmpty() && UNLIKELY.in(hints) && !MAYBE.in(hints)) {
          // a layout wrapper named after its sidebar still holds the article (a list is no wrapper)
          return tag.equals("ul") || tag.equals("ol") || whole.minor(e);
        }
        return false;
      }

      @Override
      public FilterResult tail(Node node, int depth) {
        counter.leave(node, depth);
        if (node instanceof Element e) {
          String tag = e.normalName();
          if (tag.equals("table") || tag.equals("code") || tag.equals("pre")) {
            guarded[0]--;
          } else if (tag.equals("article") || tag.equals("main")) {
            inArticle[0]--;
          }
        }
        return FilterResult.CONTINUE;
      }
    }, body);
    return counter.stats();
  }

  /** Whether a paragraph of at least 150 characters lies under the element. */
  private static boolean hasProse(Element root) {
    for (Element p : root.getElementsByTag("p")) {
      if (textLength(p, 150) >= 150) {
        return true;
      }
    }
    return false;
  }

  /** Characters of text under an element (whitespace collapsed), counting stops once past {@code limit}. */
  static int textLength(Element root, int limit) {
    int[] n = {0};
    NodeTraversor.filter(new NodeFilter() {
      @Override
      public FilterResult head(Node node, int depth) {
        if (node instanceof TextNode t) {
          n[0] += BlockStats.collapsedLength(t.getWholeText());
          if (n[0] > limit) {
            return FilterResult.STOP;
          }
        }
        return FilterResult.CONTINUE;
      }
    }, root);
    return n[0];
  }

  private static boolean isHiddenStyle(String style) {
    if (style.isEmpty()) {
      return false;
    }
    String s = style.toLowerCase(Locale.ROOT).replace(" ", "");
    return s.contains("display:none") || s.contains("visibility:hidden");
  }

  private static boolean hasAncestor(Element e, String tag) {
    for (Element p = e.parent(); p != null; p = p.parent()) {
      if (p.normalName().equals(tag)) {
        return true;
      }
    }
    return false;
  }

  /** Scores the blocks and returns the top candidate with the siblings that belong to it. */
  private static List<Element> articleParts(Element body, Rules rules, BlockStats stats) {
    // Insertion-ordered, so that ties between candidates resolve the same way on every run.
    Map<Element, Double> scores = new java.util.LinkedHashMap<>();
    for (Element e : stats.elements()) {
      String tag = e.normalName();
      boolean scored = SCORED.contains(tag) || (tag.equals("div") && !hasBlockChild(e));
      if (!scored) {
        continue;
      }
      BlockStats.Stats st = stats.get(e);
      if (st.text < MIN_BLOCK_CHARS) {
        continue;
      }
      double score = 1 + st.commas + Math.min(Math.floor(st.text / 100.0), 3);
      Element ancestor = e.parent();
      for (int level = 0; ancestor != null && level < 5; level++, ancestor = ancestor.parent()) {
        if (ancestor.normalName().equals("html")) {
          break;
        }
        Element a = ancestor;
        double base = scores.computeIfAbsent(a, k -> initialScore(k, rules));
        double divider = level == 0 ? 1 : level == 1 ? 2 : level * 3;
        scores.put(a, base + score / divider);
      }
    }
    Element top = null;
    double topScore = 0;
    for (Map.Entry<Element, Double> en : scores.entrySet()) {
      double s = en.getValue() * (1 - stats.get(en.getKey()).linkDensity());
      en.setValue(s);
      if (s > topScore) {
        top = en.getKey();
        topScore = s;
      }
    }
    if (top == null) {
      return List.of(body);
    }
    // The body container of the common publishing systems, named by its class: when it holds real
    // text it is the article, whatever the scores of its parts or of its wrappers say.
    Element marked = rules.weightClasses() ? markedBody(stats) : null;
    if (marked != null && (marked == top || isAncestor(marked, top)
        || (!isAncestor(top, marked) && stats.get(marked).text >= stats.get(top).text / 2))) {
      top = marked;
      topScore = Math.max(topScore, scores.getOrDefault(marked, topScore));
    }
    // An article split into several blocks: when at least three other strong candidates share an
    // ancestor with the top one, that ancestor holds the article.
    final Element first = top;
    final double firstScore = topScore;
    List<Element> alternatives = scores.entrySet().stream()
        .filter(en -> en.getKey() != first && en.getValue() >= firstScore * 0.75)
        .sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
        .limit(5)
        .map(Map.Entry::getKey)
        .toList();
    if (alternatives.size() >= 3) {
      for (Element p = top.parent(); p != null && !p.normalName().equals("body") && !p.normalName().equals("html"); p = p.parent()) {
        int contained = 0;
        for (Element alt : alternatives) {
          if (isAncestor(p, alt)) {
            contained++;
          }
        }
        if (contained >= 3) {
          top = p;
          topScore = Math.max(topScore, scores.getOrDefault(p, topScore));
          break;
        }
      }
    }
    // A lone child is no different from its parent: climb while the parent holds nothing else.
    while (top.parent() != null && !top.parent().normalName().equals("body") && top.parent().children().size() == 1) {
      top = top.parent();
    }
    List<Element> parts = new ArrayList<>();
    Element parent = top.parent();
    if (parent == null) {
      return List.of(top);
    }
    double threshold = Math.max(10, topScore * 0.2);
    String topClass = Keywords.attr(top, "class");
    int topIndex = top.elementSiblingIndex();
    for (Element sibling : parent.children()) {
      if (!stats.contains(sibling)) {
        continue;
      }
      // The block right before or after the article body (a lead, a teaser, a closing note) belongs
      // to it when it is real text: long enough, hardly linked, not named like furniture.
      int distance = Math.abs(sibling.elementSiblingIndex() - topIndex);
      if (distance == 1 && sibling != top) {
        BlockStats.Stats st = stats.get(sibling);
        String tag = sibling.normalName();
        if ((tag.equals("div") || tag.equals("section") || tag.equals("p")) && st.text > 100
            && st.linkDensity() < 0.2 && (!rules.weightClasses() || classWeight(sibling) >= 0)) {
          parts.add(sibling);
          continue;
        }
      }
      if (sibling == top) {
        parts.add(sibling);
        continue;
      }
      double bonus = !topClass.isEmpty() && Keywords.attr(sibling, "class").equals(topClass) ? topScore * 0.2 : 0;
      Double s = scores.get(sibling);
      if (s != null && s + bonus >= threshold) {
        parts.add(sibling);
      } else if (sibling.normalName().equals("p")) {
        BlockStats.Stats st = stats.get(sibling);
        double ld = st.linkDensity();
        if ((st.text > 80 && ld < 0.25) || (st.text > 0 && st.text <= 80 && ld == 0 && sibling.text().matches("(?s).*\\.( |$).*"))) {
          parts.add(sibling);
        }
      }
    }
    return parts;
  }

  /** Class and id names that publishing systems give the container of an article's body. */
  private static final Keywords BODY_MARKERS = new Keywords(
      "entry-content", "post-content", "post_content", "postcontent", "post-body", "post-text", "post_text",
      "article-body", "article_body", "articlebody", "article__body", "article-content", "article__content",
      "articlecontent", "article-text", "articletext", "story-body", "storybody", "story-content", "field--name-body",
      "field-name-body", "td-post-content", "single-content", "entry-body", "blog-content", "rich-text");

  /** The largest element named like an article body that holds real, hardly linked text; or null. */
  private static Element markedBody(BlockStats stats) {
    Element best = null;
    int bestText = 199;
    for (Element e : stats.elements()) {
      if (e.attributesSize() == 0) {
        continue;
      }
      // No concatenation for each of the page's elements; toLowerCase returns the same string when
      // it has no capitals, as most class names do.
      String cls = Keywords.attr(e, "class").toLowerCase(Locale.ROOT);
      String id = Keywords.attr(e, "id").toLowerCase(Locale.ROOT);
      boolean marker = (BODY_MARKERS.in(cls) || BODY_MARKERS.in(id) || Keywords.attr(e, "itemprop").contains("articleBody"))
          && !NEGATIVE.in(cls) && !NEGATIVE.in(id);
      if (marker) {
        BlockStats.Stats st = stats.get(e);
        if (st.text > bestText && st.linkDensity() < 0.35) {
          best = e;
          bestText = st.text;
        }
      }
    }
    return best;
  }

  private static boolean isAncestor(Element ancestor, Element e) {
    for (Element p = e.parent(); p != null; p = p.parent()) {
      if (p == ancestor) {
        return true;
      }
    }
    return false;
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

  private static double initialScore(Element e, Rules rules) {
    double s = switch (e.normalName()) {
      case "div", "article", "main" -> 5;
      case "pre", "td", "blockquote", "section" -> 3;
      case "address", "ol", "ul", "dl", "dd", "dt", "li", "form" -> -3;
      case "h1", "h2", "h3", "h4", "h5", "h6", "th" -> -5;
      default -> 0;
    };
    return s + (rules.weightClasses() ? classWeight(e) : 0);
  }

  static double classWeight(Element e) {
    double w = 0;
    if (e.attributesSize() == 0) {
      return 0;
    }
    String c = Keywords.attr(e, "class").toLowerCase(Locale.ROOT);
    if (!c.isEmpty()) {
      if (NEGATIVE.in(c)) {
        w -= 25;
      }
      if (POSITIVE.in(c)) {
        w += 25;
      }
    }
    String id = Keywords.attr(e, "id").toLowerCase(Locale.ROOT);
    if (!id.isEmpty()) {
      if (NEGATIVE.in(id)) {
        w -= 25;
      }
      if (POSITIVE.in(id)) {
        w += 25;
      }
    }
    if (Keywords.attr(e, "itemprop").contains("articleBody")) {
      w += 50;
    }
    return w;
  }

  /** Removes furniture inside the chosen content: link lists, image strips, empty shells. */
  private static void cleanConditionally(Element root, Rules rules, BlockStats stats, Set<Element> dropped) {
    List<Element> drop = new ArrayList<>();
    List<Element> all = BlockStats.elementsUnder(root, dropped);
    for (int i = all.size() - 1; i >= 0; i--) {
      Element e = all.get(i);
      if (e == root) {
        continue;
      }
      String tag = e.normalName();
      if (tag.equals("figcaption") || (e.attributesSize() > 0
          && (Keywords.attr(e, "class").toLowerCase(Locale.ROOT).contains("caption")
              || Keywords.attr(e, "id").toLowerCase(Locale.ROOT).contains("caption")))) {
        // captions and picture credits: what a picture shows is not the story's text
        drop.add(e);
        continue;
      }
      if (!(tag.equals("div") || tag.equals("ul") || tag.equals("ol") || tag.equals("table") || tag.equals("section")
          || tag.equals("form") || tag.equals("figure") || tag.equals("dl"))) {
        continue;
      }
      if (hasAncestor(e, "pre") || hasAncestor(e, "code")) {
        continue;
      }
      double weight = rules.weightClasses() ? classWeight(e) : 0;
      BlockStats.Stats st = stats.get(e);
      int len = st.text;
      double ld = st.linkDensity();
      if (weight < 0 && len < 1000) {
        drop.add(e);
        continue;
      }
      if (st.commas >= 10) {
        continue;
      }
      int p = st.p;
      int img = st.img;
      int li = st.li - 100;
      boolean isList = tag.equals("ul") || tag.equals("ol");
      boolean remove =
          (img > 1 && (double) p / img < 0.5 && !hasAncestor(e, "figure"))
              || (!isList && li > p)
              || (weight < 25 && ld > 0.2 && len < 1000 && !isList)
              || (weight >= 25 && ld > 0.5)
              || (isList && ld > 0.6 && len < 2000)
              || (len < MIN_BLOCK_CHARS && img == 0 && !tag.equals("table") && st.pre == 0 && e.children().isEmpty());
      if (remove) {
        drop.add(e);
      }
    }
    dropped.addAll(drop);
  }

  /** The element's text as paragraphs, in reading order. */
  static List<String> blocks(Element root, Set<Element> dropped) {
    Paragraphs out = new Paragraphs();
    NodeTraversor.filter(new NodeFilter() {
      @Override
      public FilterResult head(Node node, int depth) {
        if (node instanceof TextNode t) {
          out.append(t.getWholeText());
        } else if (node instanceof Element e) {
          if (dropped.contains(e)) {
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
    }, root);
    out.breakParagraph();
    return out.list;
  }

  /**
   * Paragraphs built from text appended piece by piece, whitespace collapsed as it comes (the same
   * result as {@link TextNormalizer#collapse} of the whole paragraph, without copying it twice).
   */
  private static final class Paragraphs {
    final List<String> list = new ArrayList<>();
    private final StringBuilder current = new StringBuilder();
    private boolean pendingSpace;

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
    String x = a.toLowerCase(Locale.ROOT).replaceAll("\\W+", "");
    String y = b.toLowerCase(Locale.ROOT).replaceAll("\\W+", "");
    return !x.isEmpty() && (x.equals(y) || (y.contains(x) && x.length() > y.length() * 0.6));
  }
}
