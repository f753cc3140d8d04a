package dev.wirewatch.ingest.feed;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedInput;
import crawlercommons.sitemaps.AbstractSiteMap;
import crawlercommons.sitemaps.SiteMap;
import crawlercommons.sitemaps.SiteMapIndex;
import crawlercommons.sitemaps.SiteMapParser;
import crawlercommons.sitemaps.SiteMapURL;
import crawlercommons.sitemaps.UnknownFormatException;
import crawlercommons.sitemaps.extension.Extension;
import crawlercommons.sitemaps.extension.ExtensionMetadata;
import crawlercommons.sitemaps.extension.NewsAttributes;
import dev.wirewatch.ingest.dates.PublishedDates;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.JDOMException;
import org.jdom2.output.XMLOutputter;

/**
 * Reads every kind of feed Wirewatch follows: RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 (through Rome,
 * behind {@link SafeXml}), JSON Feed 1.x, news sitemaps and sitemap indexes (crawler-commons).
 * Anything else — HTML served as a feed, malformed XML, an empty body — is refused with a {@link
 * FeedParseException} whose message says what it is.
 */
public final class FeedParser {
  private static final ObjectMapper JSON =
      new ObjectMapper(
          JsonFactory.builder()
              .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(100).build())
              .build());

  /**
   * Parses a fetched document.
   *
   * @param baseUrl the document's address, for resolving relative links; may be null
   */
  public ParsedFeed parse(byte[] body, String baseUrl) throws FeedParseException {
    int start = firstNonSpace(body);
    if (start < 0) {
      throw new FeedParseException("empty document", null);
    }
    if (body[start] == '{') {
      return parseJsonFeed(body, baseUrl);
    }
    // Leading whitespace before '<' is strictly malformed XML but common; drop it. Anything else
    // (byte-order marks, UTF-16/32) is the XML parser's to detect.
    byte[] xml =
        body[start] == '<' && start > 0
            ? java.util.Arrays.copyOfRange(body, start, body.length)
            : body;
    Document doc;
    try {
      doc = SafeXml.parse(xml);
    } catch (JDOMException e) {
      String head =
          new String(
                  xml, 0, Math.min(xml.length, 512), java.nio.charset.StandardCharsets.ISO_8859_1)
              .toLowerCase(Locale.ROOT);
      if (head.contains("<html") || head.contains("<!doctype html")) {
        throw new FeedParseException("not a feed: an HTML page", e);
      }
      if (isEntityLimit(e)) {
        throw new FeedParseException("refused: the document expands too many XML entities", e);
      }
      if (!head.contains("<")) {
        throw new FeedParseException("not a feed: neither XML nor JSON", e);
      }
      return recovered(LenientFeed.parse(xml, baseUrl, "malformed XML: " + oneLine(e)));
    } catch (java.io.UnsupportedEncodingException e) {
      throw new FeedParseException(
          "unreadable XML: it declares an unknown encoding '" + e.getMessage() + "'", e);
    } catch (IOException e) {
      throw new FeedParseException("unreadable XML: " + oneLine(e), e);
    }
    Element root = doc.getRootElement();
    String name = root.getName().toLowerCase(Locale.ROOT);
    switch (name) {
      case "urlset", "sitemapindex" -> {
        return parseSitemap(xml, baseUrl);
      }
      case "html" -> throw new FeedParseException("not a feed: an HTML page", null);
      case "channel" -> {
        return Cdf.parse(root, baseUrl);
      }
      default -> {
        try {
          return parseSyndication(doc, baseUrl);
        } catch (FeedParseException e) {
          // Well-formed, but not as Rome expects it: read the parsed document leniently.
          byte[] utf8 =
              new XMLOutputter()
                  .outputString(doc)
                  .getBytes(java.nio.charset.StandardCharsets.UTF_8);
          return recovered(LenientFeed.parse(utf8, baseUrl, e.getMessage()));
        }
      }
    }
  }

  private static ParsedFeed recovered(ParsedFeed f) {
    return new ParsedFeed(f.format() + " (recovered)", f.title(), f.entries(), f.sitemaps());
  }

  private static boolean isEntityLimit(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = String.valueOf(t.getMessage());
      if (m.contains("JAXP00010") || m.contains("entity expansion") || m.contains("entities")) {
        return m.contains("limit") || m.contains("JAXP");
      }
    }
    return false;
  }

  private static ParsedFeed parseSyndication(Document doc, String baseUrl)
      throws FeedParseException {
    WireFeed wire;
    try {
      wire = new WireFeedInput(false, Locale.ROOT).build(doc);
    } catch (FeedException | IllegalArgumentException e) {
      throw new FeedParseException(
          "not a feed Wirewatch reads (RSS, Atom, RDF, JSON Feed or sitemap): " + oneLine(e), e);
    } catch (RuntimeException e) {
      throw new FeedParseException("invalid feed: " + oneLine(e), e);
    }
    SyndFeed feed = new SyndFeedImpl(wire);
    String format =
        wire.getFeedType() == null ? "feed" : wire.getFeedType().toLowerCase(Locale.ROOT);
    format = format.startsWith("atom") ? "atom" : format.startsWith("rss_1") ? "rdf" : "rss";
    String feedBase = firstNonNull(feed.getLink(), baseUrl);
    List<FeedEntry> entries = new ArrayList<>();
    for (SyndEntry e : feed.getEntries()) {
      String link = e.getLink();
      if (link == null && e.getLinks() != null) {
        for (SyndLink l : e.getLinks()) {
          if (l.getRel() == null || "alternate".equals(l.getRel())) {
            link = l.getHref();
            break;
          }
        }
      }
      StringBuilder content = new StringBuilder();
      if (e.getContents() != null) {
        for (SyndContent c : e.getContents()) {
          if (c != null && c.getValue() != null) {
            content.append(c.getValue());
          }
        }
      }
      entries.add(
          new FeedEntry(
              blankToNull(e.getUri()),
              resolve(baseUrl, feedBase, link),
              blankToNull(e.getTitle()),
              e.getDescription() == null ? null : blankToNull(e.getDescription().getValue()),
              blankToNull(content.toString()),
              blankToNull(e.getAuthor()),
              instant(e.getPublishedDate()),
              instant(e.getUpdatedDate())));
    }
    return new ParsedFeed(format, blankToNull(feed.getTitle()), entries, List.of());
  }

  private static ParsedFeed parseJsonFeed(byte[] body, String baseUrl) throws FeedParseException {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new FeedParseException("malformed JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new FeedParseException("unreadable JSON: " + oneLine(e), e);
    }
    if (root == null
        || !root.isObject()
        || !root.path("version").asText().startsWith("https://jsonfeed.org/version/")) {
      throw new FeedParseException(
          "not a JSON Feed: no \"version\": \"https://jsonfeed.org/version/1.x\"", null);
    }
    JsonNode items = root.path("items");
    if (!items.isArray()) {
      throw new FeedParseException("invalid JSON Feed: \"items\" must be an array", null);
    }
    String feedBase = firstNonNull(text(root, "home_page_url"), baseUrl);
    List<FeedEntry> entries = new ArrayList<>();
    for (JsonNode item : items) {
      if (!item.isObject()) {
        continue;
      }
      String html = text(item, "content_html");
      String plain = text(item, "content_text");
      String author = text(item.path("author"), "name");
      if (author == null && item.path("authors").isArray() && !item.path("authors").isEmpty()) {
        author = text(item.path("authors").get(0), "name");
      }
      entries.add(
          new FeedEntry(
              text(item, "id"),
              resolve(
                  baseUrl, feedBase, firstNonNull(text(item, "url"), text(item, "external_url"))),
              text(item, "title"),
              text(item, "summary"),
              html != null ? html : plain,
              author,
              PublishedDates.parse(text(item, "date_published")).orElse(null),
              PublishedDates.parse(text(item, "date_modified")).orElse(null)));
    }
    return new ParsedFeed("json", text(root, "title"), entries, List.of());
  }

  private static ParsedFeed parseSitemap(byte[] xml, String baseUrl) throws FeedParseException {
    SiteMapParser parser = new SiteMapParser(false);
    parser.enableExtension(Extension.NEWS);
    AbstractSiteMap map;
    try {
      URL url = new URL(baseUrl == null ? "http://localhost/sitemap.xml" : baseUrl);
      map = parser.parseSiteMap("text/xml", xml, url);
    } catch (UnknownFormatException | IOException | RuntimeException e) {
      throw new FeedParseException("invalid sitemap: " + oneLine(e), e);
    }
    if (map instanceof SiteMapIndex index) {
      List<String> maps = new ArrayList<>();
      for (AbstractSiteMap m : index.getSitemaps()) {
        maps.add(m.getUrl().toString());
      }
      return new ParsedFeed("sitemap-index", null, List.of(), maps);
    }
    List<FeedEntry> entries = new ArrayList<>();
    for (SiteMapURL u : ((SiteMap) map).getSiteMapUrls()) {
      String title = null;
      Instant published = null;
      ExtensionMetadata[] news = u.getAttributesForExtension(Extension.NEWS);
      if (news != null) {
        for (ExtensionMetadata m : news) {
          if (m instanceof NewsAttributes n) {
            title = blankToNull(n.getTitle());
            published =
                n.getPublicationDateTime() == null ? null : n.getPublicationDateTime().toInstant();
          }
        }
      }
      Instant modified = u.getLastModified() == null ? null : u.getLastModified().toInstant();
      entries.add(
          new FeedEntry(
              null,
              u.getUrl().toString(),
              title,
              null,
              null,
              null,
              published != null ? published : modified,
              modified));
    }
    return new ParsedFeed("sitemap", null, entries, List.of());
  }

  static String resolve(String documentUrl, String feedBase, String link) {
    if (link == null || link.isBlank()) {
      return null;
    }
    String l = link.strip();
    for (String base : new String[] {feedBase, documentUrl}) {
      if (base == null) {
        continue;
      }
      try {
        return URI.create(base.strip()).resolve(l).toString();
      } catch (IllegalArgumentException e) {
        // try the next base
      }
    }
    return l;
  }

  /** Index of the first byte that is not ASCII whitespace, or -1 for an all-blank document. */
  private static int firstNonSpace(byte[] b) {
    int i = 0;
    while (i < b.length && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) {
      i++;
    }
    return i == b.length ? -1 : i;
  }

  private static Instant instant(Date d) {
    return d == null ? null : d.toInstant();
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || !v.isValueNode() || v.asText().isBlank() ? null : v.asText();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static String firstNonNull(String a, String b) {
    return a != null ? a : b;
  }

  static String oneLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    m = m.lines().findFirst().orElse("").strip();
    return m.length() > 300 ? m.substring(0, 300) + "…" : m;
  }
}
