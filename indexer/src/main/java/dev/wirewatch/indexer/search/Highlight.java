package dev.wirewatch.indexer.search;

/**
 * How matches are marked in snippets.
 *
 * @param pre text before a match
 * @param post text after a match
 * @param escapeHtml whether the article text is HTML-escaped (it must be wherever the snippet is
 *     shown as HTML: then only the marks are markup)
 */
public record Highlight(String pre, String post, boolean escapeHtml) {
  /** {@code <mark>} around matches, text escaped: safe to insert into a page. */
  public static final Highlight HTML = new Highlight("<mark>", "</mark>", true);

  /** Bold on an ANSI terminal. */
  public static final Highlight ANSI = new Highlight("\u001b[1m", "\u001b[0m", false);

  /** No marks. */
  public static final Highlight NONE = new Highlight("", "", false);

  /** The text with HTML's special characters escaped. */
  static String escapeHtml(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#x27;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
