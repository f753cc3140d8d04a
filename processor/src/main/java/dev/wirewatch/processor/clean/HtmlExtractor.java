package dev.wirewatch.processor.clean;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * A first HTML article extractor on jsoup: drops non-content elements and furniture containers
 * (by tag and by class/id/role hints), chooses the article container, and reads its blocks in
 * order as paragraphs. Metadata comes from OpenGraph, article and author meta tags.
 */
public final class HtmlExtractor {
  private static final String DROP_TAGS =
      "script, style, noscript, template, iframe, svg, canvas, form, button, input, select, textarea,"
          + " nav, header, footer, aside, menu, dialog, figure figcaption";

  private static final Pattern FURNITURE_HINT =
      Pattern.compile(
          "(^|[\\s_-])(comments?|share|sharing|social|related|recommend\\w*|newsletter|subscribe|"
              + "cookie|consent|advert\\w*|ads?|promo|sidebar|breadcrumbs?|menu|nav|navbar|footer|"
              + "masthead|popup|modal|banner|sponsor\\w*|outbrain|taboola|disqus)([\\s_-]|$)",
          Pattern.CASE_INSENSITIVE);

  private static final java.util.Set<String> BLOCKS =
      java.util.Set.of(
          "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul",
          "ol", "blockquote", "pre", "table", "tr", "td", "th", "br", "dd", "dt", "dl", "hr", "body");

  private HtmlExtractor() {}

  /** Extracts the article from a page; {@code text} may be blank when the page has none. */
  public static CleanedArticle extract(String html, String baseUri) {
    Parser parser = Parser.htmlParser();
    Document doc = Jsoup.parse(html, baseUri == null ? "" : baseUri, parser);
    String title = title(doc);
    String byline = meta(doc, "meta[name=author]", "meta[property=article:author]");
    String canonical = attr(doc.selectFirst("link[rel=canonical][href]"), "abs:href");
    Instant published = instant(meta(doc, "meta[property=article:published_time]", "meta[itemprop=datePublished]"));
    String lang = language(doc);

    doc.select(DROP_TAGS).remove();
    List<Element> furniture = new ArrayList<>();
    for (Element e : doc.getAllElements()) {
      if (e != doc.body() && e != doc && isFurnitureContainer(e)) {
        furniture.add(e);
      }
    }
    furniture.forEach(Element::remove);

    Element root = chooseRoot(doc);
    List<String> paragraphs = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    NodeTraversor.traverse(
        new NodeVisitor() {
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
              paragraphs.add(p);
            }
            current.setLength(0);
          }
        },
        root);
    String last = TextNormalizer.collapse(current.toString());
    if (!last.isEmpty()) {
      paragraphs.add(last);
    }
    // A heading equal to the title is the title, not body text.
    if (!paragraphs.isEmpty() && title != null && paragraphs.get(0).equalsIgnoreCase(title)) {
      paragraphs.remove(0);
    }
    String text = String.join("\n\n", Furniture.strip(paragraphs));
    return new CleanedArticle(title, byline, canonical, published, lang, text);
  }

  private static boolean isFurnitureContainer(Element e) {
    String hints = e.className() + " " + e.id() + " " + e.attr("role");
    if (hints.isBlank()) {
      return false;
    }
    if (e.normalName().equals("article") || e.normalName().equals("main") || e.normalName().equals("body")) {
      return false;
    }
    String role = e.attr("role").toLowerCase(Locale.ROOT);
    if (role.equals("navigation") || role.equals("banner") || role.equals("contentinfo") || role.equals("complementary")) {
      return true;
    }
    return FURNITURE_HINT.matcher(hints).find();
  }

  private static Element chooseRoot(Document doc) {
    Element best = null;
    int bestLen = 0;
    Elements candidates = doc.select("[itemprop=articleBody], article, main, [role=main]");
    for (Element c : candidates) {
      int len = c.text().length();
      if (len > bestLen) {
        best = c;
        bestLen = len;
      }
    }
    Element body = doc.body();
    // A container with less than a fifth of the page's text is a teaser, not the article.
    if (best != null && body != null && bestLen * 5 >= body.text().length()) {
      return best;
    }
    return body == null ? doc : body;
  }

  private static String title(Document doc) {
    String og = meta(doc, "meta[property=og:title]", "meta[name=twitter:title]");
    if (og != null) {
      return og;
    }
    Element h1 = doc.selectFirst("h1");
    if (h1 != null && !h1.text().isBlank()) {
      return TextNormalizer.collapse(h1.text());
    }
    String t = TextNormalizer.collapse(doc.title());
    if (t.isEmpty()) {
      return null;
    }
    // "Story title | Site name": drop the site part when the rest is substantial.
    String[] parts = t.split("\\s+[|\u2013\u2014:-]\\s+");
    return parts.length > 1 && parts[0].length() >= 15 ? parts[0] : t;
  }

  private static String meta(Document doc, String... selectors) {
    for (String s : selectors) {
      Element e = doc.selectFirst(s);
      if (e != null && !e.attr("content").isBlank()) {
        return TextNormalizer.collapse(e.attr("content"));
      }
    }
    return null;
  }

  private static String attr(Element e, String attr) {
    if (e == null) {
      return null;
    }
    String v = e.attr(attr);
    return v.isBlank() ? null : v;
  }

  private static String language(Document doc) {
    Element html = doc.selectFirst("html[lang]");
    if (html == null) {
      return null;
    }
    String lang = html.attr("lang").strip().toLowerCase(Locale.ROOT);
    int dash = lang.indexOf('-');
    lang = dash > 0 ? lang.substring(0, dash) : lang;
    return lang.matches("[a-z]{2}") ? lang : null;
  }

  private static Instant instant(String text) {
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
