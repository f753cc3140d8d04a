package dev.wirewatch.ingest.feed;

import dev.wirewatch.ingest.dates.PublishedDates;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * The fallback for feeds Rome cannot read: malformed XML (undeclared entities, unclosed tags,
 * unbound prefixes) and odd but valid documents (RSS without a channel, unusual namespaces, base64
 * content). jsoup's XML parser recovers from errors the way browsers do and never loads a DTD or an
 * external entity. Items are read by local element names, whatever their namespace.
 */
final class LenientFeed {
  private LenientFeed() {}

  /** Parses what it can; throws when the document is not recognisably a feed. */
  static ParsedFeed parse(byte[] bytes, String baseUrl, String why) throws FeedParseException {
    Document doc;
    try {
      doc =
          Jsoup.parse(
              new ByteArrayInputStream(bytes),
              null,
              baseUrl == null ? "" : baseUrl,
              Parser.xmlParser());
    } catch (IOException | RuntimeException e) {
      throw new FeedParseException(why, e);
    }
    Element root = null;
    for (Element e : doc.children()) {
      root = e;
      break;
    }
    if (root == null) {
      throw new FeedParseException(why, null);
    }
    String rootName = local(root);
    if (rootName.equals("html")) {
      throw new FeedParseException("not a feed: an HTML page", null);
    }
    if (!List.of("rss", "rdf", "feed", "channel").contains(rootName)) {
      throw new FeedParseException(why, null);
    }
    String format = rootName.equals("feed") ? "atom" : rootName.equals("rdf") ? "rdf" : "rss";
    String feedTitle = null;
    String feedLink = null;
    List<FeedEntry> entries = new ArrayList<>();
    for (Element e : root.getAllElements()) {
      String name = local(e);
      if ((name.equals("item") || name.equals("entry")) && e != root) {
        entries.add(entry(e, baseUrl, feedLink));
      } else if (feedTitle == null && name.equals("title") && !insideItem(e, root)) {
        feedTitle = text(e);
      } else if (feedLink == null && name.equals("link") && !insideItem(e, root)) {
        feedLink = link(e);
      }
    }
    return new ParsedFeed(format, feedTitle, entries, List.of());
  }

  private static boolean insideItem(Element e, Element root) {
    for (Element p = e.parent(); p != null && p != root; p = p.parent()) {
      String n = local(p);
      if (n.equals("item") || n.equals("entry")) {
        return true;
      }
    }
    return false;
  }

  private static FeedEntry entry(Element item, String baseUrl, String feedLink) {
    String guid = null;
    String link = null;
    String title = null;
    String summary = null;
    String content = null;
    String author = null;
    Instant published = null;
    Instant updated = null;
    for (Element c : item.children()) {
      switch (local(c)) {
        case "title" -> title = title == null ? text(c) : title;
        case "link" -> {
          String rel = c.attr("rel");
          if (link == null && (rel.isEmpty() || rel.equals("alternate"))) {
            link = link(c);
          }
        }
        case "guid", "id" -> guid = guid == null ? text(c) : guid;
        case "description", "summary", "abstract" -> summary = summary == null ? text(c) : summary;
        case "content", "encoded" -> content = content == null ? text(c) : content;
        case "author", "creator" -> author = author == null ? authorOf(c) : author;
        case "pubdate", "published", "issued", "date", "created" ->
            published = published == null ? PublishedDates.parse(text(c)).orElse(null) : published;
        case "updated", "modified" ->
            updated = updated == null ? PublishedDates.parse(text(c)).orElse(null) : updated;
        default -> {}
      }
    }
    if (link == null && guid != null && guid.startsWith("http")) {
      link = guid;
    }
    return new FeedEntry(
        guid,
        FeedParser.resolve(baseUrl, feedLink, link),
        title,
        summary,
        content,
        author,
        published != null ? published : updated,
        updated);
  }

  private static String authorOf(Element c) {
    for (Element n : c.children()) {
      if (local(n).equals("name")) {
        return text(n);
      }
    }
    return text(c);
  }

  private static String link(Element e) {
    String href = e.attr("href");
    return href.isBlank() ? text(e) : href.strip();
  }

  private static String text(Element e) {
    String t = e.wholeText();
    if ("base64".equalsIgnoreCase(e.attr("mode"))) {
      try {
        t = new String(Base64.getMimeDecoder().decode(t.strip()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException notBase64) {
        // keep the text as it is
      }
    }
    t = t.strip();
    return t.isEmpty() ? null : t;
  }

  private static String local(Element e) {
    String n = e.tagName();
    int colon = n.indexOf(':');
    return (colon >= 0 ? n.substring(colon + 1) : n).toLowerCase(Locale.ROOT);
  }
}
