package dev.wirewatch.processor.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wirewatch.processor.text.TextNormalizer;
import java.text.ParsePosition;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * A page's metadata, from the most to the least reliable source: JSON-LD, OpenGraph and article
 * meta tags, then the markup ({@code <h1>}, {@code <title>}, {@code <time>}, the URL).
 *
 * @param articleBody the JSON-LD articleBody, used as evidence only
 */
record Metadata(
    String title,
    String byline,
    String canonicalUrl,
    Instant publishedAt,
    String language,
    String siteName,
    String articleBody) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern BYLINE_NOISE =
      Pattern.compile("^(by|von|par|por|di)\\s+|[\\s\\p{Pd}|,;:]+$", Pattern.CASE_INSENSITIVE);
  private static final Pattern ISO_DATE_START = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern ARTICLE_TYPE =
      Pattern.compile("Article|BlogPosting|Report|NewsArticle|LiveBlogPosting");
  private static final Pattern TITLE_SEPARATOR = Pattern.compile("\\s+[|\u2013\u2014\u00bb:-]\\s+");
  private static final Pattern URL_DATE =
      Pattern.compile("/(20\\d\\d|19\\d\\d)[/-](\\d\\d?)[/-](\\d\\d?)(/|$|-)");

  /**
   * What one walk over the page collects for the metadata. The extractor's first walk over the
   * document feeds it every element ({@link #visit}), so the metadata costs no walk of its own.
   */
  static final class Found {
    final java.util.Map<String, String> meta = new java.util.HashMap<>();
    final List<String> jsonLd = new java.util.ArrayList<>();
    String canonical;
    String timeDatetime;
    int h1Count;
    String h1Text;
    String titleText;
    String htmlLang;

    void visit(Element e) {
      collect(e, this);
    }

    Metadata finish(Document doc) {
      return from(this, doc);
    }
  }

  static Metadata read(Document doc) {
    Found f = new Found();
    // A plain walk: getAllElements() goes through a stream collector and costs several times more.
    NodeTraversor.traverse(
        (node, depth) -> {
          if (node instanceof Element e) {
            collect(e, f);
          }
        },
        doc);
    return from(f, doc);
  }

  private static void collect(Element e, Found f) {
    switch (e.normalName()) {
      case "meta" -> {
        String content = Keywords.attr(e, "content");
        if (!content.isBlank()) {
          for (String key :
              new String[] {
                Keywords.attr(e, "property"), Keywords.attr(e, "name"), Keywords.attr(e, "itemprop")
              }) {
            if (!key.isEmpty()) {
              f.meta.putIfAbsent(key.toLowerCase(Locale.ROOT), content);
            }
          }
        }
      }
      case "link" -> {
        if (f.canonical == null && Keywords.attr(e, "rel").equalsIgnoreCase("canonical")) {
          String href = e.absUrl("href"); // resolving a URL is costly: once
          f.canonical = href.isBlank() ? null : href;
        }
      }
      case "script" -> {
        if (Keywords.attr(e, "type").equalsIgnoreCase("application/ld+json")) {
          f.jsonLd.add(e.data());
        }
      }
      case "h1" -> {
        f.h1Count++;
        if (f.h1Text == null) {
          f.h1Text = clean(e.text());
        }
      }
      case "title" -> {
        if (f.titleText == null) {
          f.titleText = e.text();
        }
      }
      case "html" -> {
        if (f.htmlLang == null && Keywords.has(e, "lang")) {
          f.htmlLang = Keywords.attr(e, "lang");
        }
      }
      case "time" -> {
        if (f.timeDatetime == null && Keywords.has(e, "datetime")) {
          f.timeDatetime = clean(Keywords.attr(e, "datetime"));
        }
      }
      default -> {}
    }
  }

  /**
   * The text of the first element marked as the author (rel or itemprop "author", or a byline or
   * author class). Looked for only when neither JSON-LD nor meta tags name one: three attribute
   * lookups on every element cost as much as the rest of the metadata.
   */
  private static String authorText(Document doc) {
    Element[] found = {null};
    NodeTraversor.filter(
        new NodeFilter() {
          @Override
          public FilterResult head(Node node, int depth) {
            if (node instanceof Element e && e.attributesSize() > 0) {
              // the attributes object once: each Keywords.attr would count the attributes again
              org.jsoup.nodes.Attributes a = e.attributes();
              String cls = a.get("class");
              if (a.get("rel").equals("author")
                  || a.get("itemprop").equals("author")
                  || (!cls.isEmpty() && hasToken(cls, "byline", "author"))) {
                found[0] = e;
                return FilterResult.STOP;
              }
            }
            return FilterResult.CONTINUE;
          }
        },
        doc);
    return found[0] == null ? null : clean(found[0].text());
  }

  private static boolean hasToken(String classes, String... tokens) {
    boolean any = false;
    for (String t : tokens) {
      any |= classes.contains(t);
    }
    if (!any) {
      return false; // the common case, without splitting
    }
    for (String c : classes.split("\\s+")) {
      for (String t : tokens) {
        if (c.equals(t)) {
          return true;
        }
      }
    }
    return false;
  }

  private static Metadata from(Found f, Document doc) {
    JsonNode ld = jsonLdArticle(f.jsonLd);
    // The document title minus the site name, unless an <h1> agrees with it (then the <h1>, which
    // carries no site name); an <h1> alone is often a logo or a sidebar heading.
    String docTitle = siteStripped(f.titleText);
    String h1 = f.h1Count == 1 ? f.h1Text : null;
    String fromMarkup = docTitle;
    if (h1 != null
        && (docTitle == null
            || (f.titleText != null
                && f.titleText.toLowerCase(Locale.ROOT).contains(h1.toLowerCase(Locale.ROOT))))) {
      fromMarkup = h1;
    }
    String title =
        first(text(ld, "headline"), meta(f, "og:title", "twitter:title", "title"), fromMarkup);
    String byline = first(ldAuthor(ld), meta(f, "author", "article:author", "byl"));
    if (byline == null) {
      byline = authorText(doc);
    }
    if (byline != null) {
      byline = BYLINE_NOISE.matcher(byline).replaceAll("").strip();
      if (byline.isEmpty() || byline.startsWith("http") || byline.length() > 200) {
        byline = null;
      }
    }
    String canonical = f.canonical != null ? f.canonical : meta(f, "og:url");
    Instant published =
        firstInstant(
            text(ld, "datePublished"),
            meta(f, "article:published_time", "datepublished", "date", "pubdate", "dc.date.issued"),
            f.timeDatetime);
    if (published == null) {
      published = urlDate(canonical != null ? canonical : doc.location());
    }
    String lang = null;
    if (f.htmlLang != null) {
      lang = f.htmlLang.strip().toLowerCase(Locale.ROOT);
      int dash = lang.indexOf('-');
      lang = dash > 0 ? lang.substring(0, dash) : lang;
      if (lang.length() != 2
          || lang.charAt(0) < 'a'
          || lang.charAt(0) > 'z'
          || lang.charAt(1) < 'a'
          || lang.charAt(1) > 'z') {
        lang = null;
      }
    }
    String site =
        first(meta(f, "og:site_name"), text(ld == null ? null : ld.get("publisher"), "name"));
    return new Metadata(title, byline, canonical, published, lang, site, text(ld, "articleBody"));
  }

  private static String meta(Found f, String... keys) {
    for (String k : keys) {
      String v = clean(f.meta.get(k));
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  private static JsonNode jsonLdArticle(java.util.List<String> scripts) {
    for (String data : scripts) {
      if (data.length() > 2_000_000) {
        continue;
      }
      try {
        JsonNode a = findArticle(JSON.readTree(data), 0);
        if (a != null) {
          return a;
        }
      } catch (Exception e) {
        // broken JSON-LD is common: it is evidence we do without
      }
    }
    return null;
  }

  private static JsonNode findArticle(JsonNode n, int depth) {
    if (n == null || depth > 5) {
      return null;
    }
    if (n.isArray()) {
      for (JsonNode c : n) {
        JsonNode a = findArticle(c, depth + 1);
        if (a != null) {
          return a;
        }
      }
      return null;
    }
    if (n.isObject()) {
      String type =
          n.path("@type").isArray() ? n.path("@type").toString() : n.path("@type").asText("");
      if (ARTICLE_TYPE.matcher(type).find()) {
        return n;
      }
      return findArticle(n.get("@graph"), depth + 1);
    }
    return null;
  }

  private static String ldAuthor(JsonNode ld) {
    if (ld == null) {
      return null;
    }
    JsonNode a = ld.get("author");
    if (a == null) {
      return null;
    }
    if (a.isArray() && !a.isEmpty()) {
      a = a.get(0);
    }
    return a.isTextual() ? clean(a.asText()) : text(a, "name");
  }

  private static String text(JsonNode n, String field) {
    if (n == null) {
      return null;
    }
    JsonNode v = n.get(field);
    return v == null || !v.isValueNode() ? null : clean(v.asText());
  }

  private static String siteStripped(String title) {
    String t = clean(title);
    if (t == null) {
      return null;
    }
    String[] parts = TITLE_SEPARATOR.split(t);
    if (parts.length > 1) {
      String longest = parts[0];
      for (String p : parts) {
        if (p.length() > longest.length()) {
          longest = p;
        }
      }
      return longest.split(" ").length >= 3 ? longest : t; // clean() left single spaces
    }
    return t;
  }

  private static String clean(String s) {
    if (s == null) {
      return null;
    }
    String c = TextNormalizer.collapse(s);
    return c.isEmpty() ? null : c;
  }

  @SafeVarargs
  private static <T> T first(T... values) {
    for (T v : values) {
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  private static Instant firstInstant(String... values) {
    for (String v : values) {
      Instant i = instant(v);
      if (i != null) {
        return i;
      }
    }
    return null;
  }

  static Instant instant(String s) {
    // Parse only what looks like an ISO date: a failed parse throws, and exceptions are costly.
    if (s == null || s.length() < 10 || !ISO_DATE_START.matcher(s).lookingAt()) {
      return null;
    }
    if (s.length() > 10) {
      // parseUnresolved reports failure without an exception; only a full match is parsed
      ParsePosition at = new ParsePosition(0);
      if (DateTimeFormatter.ISO_OFFSET_DATE_TIME.parseUnresolved(s, at) != null
          && at.getErrorIndex() < 0
          && at.getIndex() == s.length()) {
        try {
          return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
          // try the date alone
        }
      }
    }
    try {
      return LocalDate.parse(s.length() >= 10 ? s.substring(0, 10) : s)
          .atStartOfDay()
          .toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Instant urlDate(String url) {
    if (url == null) {
      return null;
    }
    Matcher m = URL_DATE.matcher(url);
    if (!m.find()) {
      return null;
    }
    try {
      return LocalDate.of(
              Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3)))
          .atStartOfDay()
          .toInstant(ZoneOffset.UTC);
    } catch (java.time.DateTimeException e) {
      return null;
    }
  }
}
