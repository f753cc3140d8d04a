package dev.wirewatch.processor.extract;

import java.util.Locale;

/**
 * A set of lower-case keywords looked for inside class and id names. {@code contains} on short
 * strings is several times faster than a case-insensitive regular expression alternation, and it
 * runs for every element of every page.
 */
final class Keywords {
  private final String[] words;

  Keywords(String... words) {
    this.words = words;
  }

  /** Whether the (lower-case) text contains any keyword. */
  boolean in(String lowerText) {
    for (String w : words) {
      if (lowerText.contains(w)) {
        return true;
      }
    }
    return false;
  }

  /** The class and id names of an element, lower-case and space-separated; empty when it has none. */
  static String hints(org.jsoup.nodes.Element e) {
    if (e.attributesSize() == 0) {
      return "";
    }
    String c = attr(e, "class");
    String id = attr(e, "id");
    if (c.isEmpty() && id.isEmpty()) {
      return "";
    }
    return (c + " " + id).toLowerCase(Locale.ROOT);
  }

  /**
   * An attribute's value, or "" when absent. The HTML parser lower-cases attribute names, so an
   * exact lookup does: {@code Element.attr} searches ignoring case, and this runs for every element.
   */
  static String attr(org.jsoup.nodes.Element e, String key) {
    return e.attributesSize() == 0 ? "" : e.attributes().get(key);
  }

  /** Whether the element has the attribute (exact, lower-case name). */
  static boolean has(org.jsoup.nodes.Element e, String key) {
    return e.attributesSize() > 0 && e.attributes().hasKey(key);
  }
}
