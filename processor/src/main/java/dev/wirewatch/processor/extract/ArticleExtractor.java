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
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.jsoup.select.Elements;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

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

  private static final Pattern UNLIKELY = Pattern.compile(
      "-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|"
          + "related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|"
          + "pagination|pager|popup|yom-remote|cookie|newsletter|share|sharing|promo|outbrain|taboola|widget|navbar|"
          + "subscribe|signup|toolbar|byline-social|tags|taglist|author-bio|recommend",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern MAYBE = Pattern.compile("and|article|body|column|content|main|shadow|story|entry|post|text", Pattern.CASE_INSENSITIVE);
  private static final Pattern POSITIVE = Pattern.compile(
      "article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story|prose|rich-text|article-body",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern NEGATIVE = Pattern.compile(
      "-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|foot|footer|footnote|gdpr|masthead|media|meta|"
          + "outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|tool|widget|nav|menu|"
          + "social|subscribe|newsletter|cookie|breadcrumb|byline|author|caption|credit",
      Pattern.CASE_INSENSITIVE);

  private static final Set<String> DROP_TAGS = Set.of(
      "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed", "button", "input",
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

  /** The rules of one attempt; later attempts relax them, as Readability does. */
  private record Rules(boolean stripUnlikely, boolean weightClasses, boolean cleanConditionally) {}

  private static final List<Rules> ATTEMPTS = List.of(
      new Rules(true, true, true), new Rules(false, true, true), new Rules(false, false, true), new Rules(false, false, false));

  /** Extracts the article of a page. The text is blank when the page has none. */
  public CleanedArticle extract(String html, String url) {
    Document doc = Jsoup.parse(html, url == null ? "" : url, Parser.htmlParser());
    Metadata meta = Metadata.read(doc);
    List<String> best = List.of();
    int bestLength = -1;
    for (int i = 0; i < ATTEMPTS.size(); i++) {
      Document d = i == 0 ? doc : Jsoup.parse(html, url == null ? "" : url, Parser.htmlParser());
      List<String> paragraphs = attempt(d, ATTEMPTS.get(i), meta);
      int length = paragraphs.stream().mapToInt(String::length).sum();
      if (length > bestLength) {
        best = paragraphs;
        bestLength = length;
      }
      if (length >= RETRY_BELOW_CHARS) {
        break;
      }
    }
    return finish(meta, best);
  }

  private static List<String> attempt(Document doc, Rules rules, Metadata meta) {
    prepare(doc, rules);
    Element body = doc.body();
    if (body == null) {
      return List.of();
    }
    List<Element> parts = articleParts(body, rules);
    List<String> paragraphs = new ArrayList<>();
    for (Element part : parts) {
      if (rules.cleanConditionally()) {
        cleanConditionally(part, rules);
      }
      paragraphs.addAll(blocks(part));
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

  /** Removes what is never content: scripts, forms' controls, navigation, hidden and unlikely elements. */
  private static void prepare(Document doc, Rules rules) {
    List<Element> drop = new ArrayList<>();
    int pageText = doc.body() == null ? 0 : doc.body().text().length();
    for (Element e : doc.getAllElements()) {
      String tag = e.normalName();
      if (DROP_TAGS.contains(tag)) {
        drop.add(e);
        continue;
      }
      if (e.hasAttr("hidden") || "true".equals(e.attr("aria-hidden")) || isHiddenStyle(e.attr("style"))) {
        drop.add(e);
        continue;
      }
      String role = e.attr("role");
      if (role.equals("navigation") || role.equals("complementary") || role.equals("contentinfo")
          || role.equals("banner") || role.equals("dialog") || role.equals("alert") || role.equals("menu")) {
        drop.add(e);
        continue;
      }
      if (!rules.stripUnlikely() || tag.equals("body") || tag.equals("html") || tag.equals("article")
          || tag.equals("main") || tag.equals("a")) {
        continue;
      }
      String hints = e.className() + " " + e.id();
      if (hints.length() > 1 && UNLIKELY.matcher(hints).find() && !MAYBE.matcher(hints).find()
          && !hasAncestor(e, "table") && !hasAncestor(e, "code")
          // a layout wrapper named after its sidebar still holds the article
          && e.text().length() * 2 < pageText) {
        drop.add(e);
      }
    }
    for (Element e : drop) {
      e.remove();
    }
    doc.select("header").forEach(h -> {
      if (h.parents().stream().noneMatch(p -> p.normalName().equals("article"))) {
        h.remove();
      }
    });
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
  private static List<Element> articleParts(Element body, Rules rules) {
    Map<Element, Double> scores = new IdentityHashMap<>();
    Map<Element, Integer> textLengths = new HashMap<>();
    for (Element e : body.getAllElements()) {
      String tag = e.normalName();
      boolean scored = SCORED.contains(tag) || (tag.equals("div") && !hasBlockChild(e));
      if (!scored) {
        continue;
      }
      String text = e.text();
      if (text.length() < MIN_BLOCK_CHARS) {
        continue;
      }
      double score = 1 + commas(text) + Math.min(Math.floor(text.length() / 100.0), 3);
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
      double s = en.getValue() * (1 - linkDensity(en.getKey()));
      en.setValue(s);
      if (s > topScore) {
        top = en.getKey();
        topScore = s;
      }
    }
    if (top == null) {
      return List.of(body);
    }
    // A parent that scores nearly as well holds more of the article (split into several blocks).
    for (Element p = top.parent(); p != null && !p.normalName().equals("html"); p = p.parent()) {
      Double ps = scores.get(p);
      if (ps == null || ps < topScore * 0.75) {
        break;
      }
      if (p.normalName().equals("body")) {
        break;
      }
      top = p;
      topScore = Math.max(topScore, ps);
    }
    List<Element> parts = new ArrayList<>();
    Element parent = top.parent();
    if (parent == null) {
      return List.of(top);
    }
    double threshold = Math.max(10, topScore * 0.2);
    String topClass = top.className();
    for (Element sibling : parent.children()) {
      if (sibling == top) {
        parts.add(sibling);
        continue;
      }
      double bonus = !topClass.isEmpty() && sibling.className().equals(topClass) ? topScore * 0.2 : 0;
      Double s = scores.get(sibling);
      if (s != null && s + bonus >= threshold) {
        parts.add(sibling);
      } else if (sibling.normalName().equals("p")) {
        String t = sibling.text();
        double ld = linkDensity(sibling);
        if ((t.length() > 80 && ld < 0.25) || (t.length() > 0 && t.length() <= 80 && ld == 0 && t.matches("(?s).*\\.( |$).*"))) {
          parts.add(sibling);
        }
      }
    }
    return parts;
  }

  private static boolean hasBlockChild(Element e) {
    for (Element c : e.children()) {
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
    String c = e.className();
    if (!c.isEmpty()) {
      if (NEGATIVE.matcher(c).find()) {
        w -= 25;
      }
      if (POSITIVE.matcher(c).find()) {
        w += 25;
      }
    }
    String id = e.id();
    if (!id.isEmpty()) {
      if (NEGATIVE.matcher(id).find()) {
        w -= 25;
      }
      if (POSITIVE.matcher(id).find()) {
        w += 25;
      }
    }
    if (e.hasAttr("itemprop") && e.attr("itemprop").contains("articleBody")) {
      w += 50;
    }
    return w;
  }

  static double linkDensity(Element e) {
    int total = e.text().length();
    if (total == 0) {
      return 0;
    }
    int links = 0;
    for (Element a : e.getElementsByTag("a")) {
      String href = a.attr("href");
      double coefficient = href.startsWith("#") ? 0.3 : 1;
      links += (int) (a.text().length() * coefficient);
    }
    return Math.min(1, (double) links / total);
  }

  private static int commas(String text) {
    int n = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ',' || c == '\u060C' || c == '\uFE50' || c == '\uFF0C' || c == '\u3001') {
        n++;
      }
    }
    return n;
  }

  /** Removes furniture inside the chosen content: link lists, image strips, empty shells. */
  private static void cleanConditionally(Element root, Rules rules) {
    List<Element> drop = new ArrayList<>();
    Elements all = root.getAllElements();
    for (int i = all.size() - 1; i >= 0; i--) {
      Element e = all.get(i);
      if (e == root) {
        continue;
      }
      String tag = e.normalName();
      if (!(tag.equals("div") || tag.equals("ul") || tag.equals("ol") || tag.equals("table") || tag.equals("section")
          || tag.equals("form") || tag.equals("figure") || tag.equals("dl"))) {
        continue;
      }
      if (hasAncestor(e, "pre") || hasAncestor(e, "code")) {
        continue;
      }
      double weight = rules.weightClasses() ? classWeight(e) : 0;
      String text = e.text();
      int len = text.length();
      double ld = linkDensity(e);
      if (weight < 0 && len < 1000) {
        drop.add(e);
        continue;
      }
      if (commas(text) >= 10) {
        continue;
      }
      int p = e.getElementsByTag("p").size();
      int img = e.getElementsByTag("img").size();
      int li = e.getElementsByTag("li").size() - 100;
      boolean isList = tag.equals("ul") || tag.equals("ol");
      boolean remove =
          (img > 1 && (double) p / img < 0.5 && !hasAncestor(e, "figure"))
              || (!isList && li > p)
              || (weight < 25 && ld > 0.2 && len < 1000 && !isList)
              || (weight >= 25 && ld > 0.5)
              || (isList && ld > 0.6 && len < 2000)
              || (len < MIN_BLOCK_CHARS && img == 0 && !tag.equals("table") && e.getElementsByTag("pre").isEmpty() && e.children().isEmpty());
      if (remove) {
        drop.add(e);
      }
    }
    drop.forEach(Element::remove);
  }

  /** The element's text as paragraphs, in reading order. */
  static List<String> blocks(Element root) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    NodeTraversor.traverse(new NodeVisitor() {
      @Override
      public void head(Node node, int depth) {
        if (node instanceof TextNode t) {
          current.append(t.getWholeText());
        } else if (node instanceof Element e && BLOCKS.contains(e.normalName())) {
          flush();
        }
      }

      @Override
      public void tail(Node node, int depth) {
        if (node instanceof Element e && BLOCKS.contains(e.normalName())) {
          flush();
        }
      }

      private void flush() {
        String p = TextNormalizer.collapse(current.toString());
        if (!p.isEmpty()) {
          out.add(p);
        }
        current.setLength(0);
      }
    }, root);
    String last = TextNormalizer.collapse(current.toString());
    if (!last.isEmpty()) {
      out.add(last);
    }
    return out;
  }

  private static boolean similar(String a, String b) {
    String x = a.toLowerCase(Locale.ROOT).replaceAll("\\W+", "");
    String y = b.toLowerCase(Locale.ROOT).replaceAll("\\W+", "");
    return !x.isEmpty() && (x.equals(y) || (y.contains(x) && x.length() > y.length() * 0.6));
  }
}
