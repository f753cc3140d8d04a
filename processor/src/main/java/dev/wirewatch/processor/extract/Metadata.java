package dev.wirewatch.processor.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wirewatch.processor.clean.TextNormalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A page's metadata, from the most to the least reliable source: JSON-LD, OpenGraph and article
 * meta tags, then the markup ({@code <h1>}, {@code <title>}, {@code <time>}, the URL).
 *
 * @param articleBody the JSON-LD articleBody, used as evidence only
 */
record Metadata(String title, String byline, String canonicalUrl, Instant publishedAt, String language, String siteName,
    String articleBody) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern URL_DATE = Pattern.compile("/(20\\d\\d|19\\d\\d)[/-](\\d\\d?)[/-](\\d\\d?)(/|$|-)");

  static Metadata read(Document doc) {
    JsonNode ld = jsonLdArticle(doc);
    String title = first(
        text(ld, "headline"),
        meta(doc, "meta[property=og:title]", "meta[name=twitter:title]", "meta[name=title]"),
        h1(doc),
        siteStripped(doc.title()));
    String byline = first(ldAuthor(ld), meta(doc, "meta[name=author]", "meta[property=article:author]", "meta[name=byl]"),
        textOf(doc.selectFirst("[rel=author], [itemprop=author], .byline, .author")));
    if (byline != null && byline.startsWith("http")) {
      byline = null;
    }
    String canonical = null;
    Element link = doc.selectFirst("link[rel=canonical][href]");
    if (link != null && !link.absUrl("href").isBlank()) {
      canonical = link.absUrl("href");
    } else {
      canonical = meta(doc, "meta[property=og:url]");
    }
    Instant published = firstInstant(
        text(ld, "datePublished"),
        meta(doc, "meta[property=article:published_time]", "meta[itemprop=datePublished]", "meta[name=date]",
            "meta[name=pubdate]", "meta[name=DC.date.issued]"),
        attrOf(doc.selectFirst("time[datetime]"), "datetime"));
    if (published == null) {
      published = urlDate(canonical != null ? canonical : doc.location());
    }
    String lang = null;
    Element html = doc.selectFirst("html[lang]");
    if (html != null) {
      lang = html.attr("lang").strip().toLowerCase(Locale.ROOT);
      int dash = lang.indexOf('-');
      lang = dash > 0 ? lang.substring(0, dash) : lang;
      if (!lang.matches("[a-z]{2}")) {
        lang = null;
      }
    }
    String site = first(meta(doc, "meta[property=og:site_name]"), text(ld == null ? null : ld.get("publisher"), "name"));
    String body = text(ld, "articleBody");
    return new Metadata(title, byline, canonical, published, lang, site, body);
  }

  private static JsonNode jsonLdArticle(Document doc) {
    for (Element s : doc.select("script[type=application/ld+json]")) {
      String data = s.data();
      if (data.length() > 2_000_000) {
        continue;
      }
      try {
        JsonNode n = JSON.readTree(data);
        JsonNode a = findArticle(n, 0);
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
      String type = n.path("@type").isArray() ? n.path("@type").toString() : n.path("@type").asText("");
      if (type.matches("(?s).*(Article|BlogPosting|Report|NewsArticle|LiveBlogPosting).*")) {
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

  private static String meta(Document doc, String... selectors) {
    for (String s : selectors) {
      Element e = doc.selectFirst(s);
      if (e != null) {
        String v = clean(e.attr("content"));
        if (v != null) {
          return v;
        }
      }
    }
    return null;
  }

  private static String h1(Document doc) {
    org.jsoup.select.Elements h1s = doc.select("h1");
    return h1s.size() == 1 ? clean(h1s.first().text()) : null;
  }

  private static String siteStripped(String title) {
    String t = clean(title);
    if (t == null) {
      return null;
    }
    String[] parts = t.split("\\s+[|\u2013\u2014\u00bb:-]\\s+");
    if (parts.length > 1) {
      String longest = parts[0];
      for (String p : parts) {
        if (p.length() > longest.length()) {
          longest = p;
        }
      }
      return longest.split("\\s+").length >= 3 ? longest : t;
    }
    return t;
  }

  private static String textOf(Element e) {
    return e == null ? null : clean(e.text());
  }

  private static String attrOf(Element e, String attr) {
    return e == null ? null : clean(e.attr(attr));
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
    if (s == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      // try a date
    }
    try {
      return LocalDate.parse(s.length() >= 10 ? s.substring(0, 10) : s).atStartOfDay().toInstant(ZoneOffset.UTC);
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
      return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)))
          .atStartOfDay().toInstant(ZoneOffset.UTC);
    } catch (java.time.DateTimeException e) {
      return null;
    }
  }

}
