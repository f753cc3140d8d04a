package dev.wirewatch.processor.extract;

/**
 * Attribute lookups for code that runs on many elements of every page. The class and id keyword
 * lists live in {@link PageTable}, matched by {@link KeywordSets}.
 */
final class Keywords {
  private Keywords() {}

  /**
   * An attribute's value, or "" when absent. The HTML parser lower-cases attribute names, so an
   * exact lookup does: {@code Element.attr} searches ignoring case.
   */
  static String attr(org.jsoup.nodes.Element e, String key) {
    return e.attributesSize() == 0 ? "" : e.attributes().get(key);
  }

  /** Whether the element has the attribute (exact, lower-case name). */
  static boolean has(org.jsoup.nodes.Element e, String key) {
    return e.attributesSize() > 0 && e.attributes().hasKey(key);
  }
}
