package dev.wirewatch.ingest.feed;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jdom2.Element;

/**
 * Microsoft's Channel Definition Format (CDF, 1997): a {@code CHANNEL} of {@code ITEM}s with an
 * {@code HREF}, {@code TITLE} and {@code ABSTRACT}. Old, but still found, and cheap to read.
 */
final class Cdf {
  private Cdf() {}

  static ParsedFeed parse(Element channel, String baseUrl) {
    List<FeedEntry> entries = new ArrayList<>();
    collect(channel, baseUrl, entries);
    return new ParsedFeed("cdf", childText(channel, "title"), entries, List.of());
  }

  private static void collect(Element parent, String baseUrl, List<FeedEntry> out) {
    for (Element child : parent.getChildren()) {
      String name = child.getName().toLowerCase(Locale.ROOT);
      if (name.equals("item")) {
        String href = attr(child, "href");
        out.add(
            new FeedEntry(
                null,
                FeedParser.resolve(baseUrl, null, href),
                childText(child, "title"),
                childText(child, "abstract"),
                null,
                null,
                null,
                null));
      } else if (name.equals("channel")) {
        collect(child, baseUrl, out);
      }
    }
  }

  private static String attr(Element e, String name) {
    for (org.jdom2.Attribute a : e.getAttributes()) {
      if (a.getName().equalsIgnoreCase(name)) {
        return a.getValue();
      }
    }
    return null;
  }

  private static String childText(Element e, String name) {
    for (Element c : e.getChildren()) {
      if (c.getName().equalsIgnoreCase(name)) {
        String t = c.getTextNormalize();
        return t.isEmpty() ? null : t;
      }
    }
    return null;
  }
}
