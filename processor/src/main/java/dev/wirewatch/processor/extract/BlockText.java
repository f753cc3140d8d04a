package dev.wirewatch.processor.extract;

import dev.wirewatch.processor.text.TextNormalizer;
import java.util.List;
import java.util.Locale;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * Reads the kept blocks of the chosen content, in document order, as paragraphs of normalised text.
 */
final class BlockText {
  private BlockText() {}

  /** Appends the text under a row as paragraphs, in reading order, skipping dropped rows. */
  static void blocks(PageTable page, int root, boolean[] dropped, List<String> into) {
    Paragraphs out = new Paragraphs(into);
    // The walk meets elements in the table's order, so the next element met is row 'next'.
    int[] next = {root};
    NodeTraversor.filter(
        new NodeFilter() {
          @Override
          public FilterResult head(Node node, int depth) {
            if (node instanceof TextNode t) {
              out.append(t.getWholeText());
            } else if (node instanceof Element e) {
              int row = next[0]++;
              if (dropped[row]) {
                next[0] = page.end[row];
                return FilterResult.SKIP_ENTIRELY;
              }
              if (ArticleExtractor.BLOCKS.contains(e.normalName())) {
                out.breakParagraph();
              }
            }
            return FilterResult.CONTINUE;
          }

          @Override
          public FilterResult tail(Node node, int depth) {
            if (node instanceof Element e && ArticleExtractor.BLOCKS.contains(e.normalName())) {
              out.breakParagraph();
            }
            return FilterResult.CONTINUE;
          }
        },
        page.el[root]);
    out.breakParagraph();
  }

  /**
   * Paragraphs built from text appended piece by piece, whitespace collapsed as it comes (the same
   * result as {@link TextNormalizer#collapse} of the whole paragraph, without copying it twice).
   */
  static final class Paragraphs {
    final List<String> list;
    private final StringBuilder current = new StringBuilder();
    private boolean pendingSpace;

    Paragraphs(List<String> into) {
      this.list = into;
    }

    void append(String text) {
      int n = text.length();
      int i = 0;
      while (i < n) {
        if (TextNormalizer.isSpace(text.charAt(i))) {
          pendingSpace = current.length() > 0;
          i++;
          continue;
        }
        int end = i + 1;
        while (end < n && !TextNormalizer.isSpace(text.charAt(end))) {
          end++;
        }
        if (pendingSpace) {
          current.append(' ');
          pendingSpace = false;
        }
        current.append(text, i, end);
        i = end;
      }
    }

    void breakParagraph() {
      if (current.length() > 0) {
        String raw = current.toString();
        String paragraph = TextNormalizer.characters(raw);
        if (paragraph != raw) {
          // a removed character may have stood between two spaces, or have been all there was
          paragraph = TextNormalizer.collapse(paragraph);
        }
        if (!paragraph.isEmpty()) {
          list.add(paragraph);
        }
        current.setLength(0);
      }
      pendingSpace = false;
    }
  }

  static boolean similar(String a, String b) {
    String x = wordChars(a);
    String y = wordChars(b);
    return !x.isEmpty() && (x.equals(y) || (y.contains(x) && x.length() > y.length() * 0.6));
  }

  /**
   * The text lower-cased with every non-word character ({@code \\W}: not an ASCII letter, digit or
   * _) removed.
   */
  static String wordChars(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_') {
        out.append(c);
      } else if (c >= 'A' && c <= 'Z') {
        out.append((char) (c + ('a' - 'A')));
      } else if (c > 127) {
        // lower-cased as String.toLowerCase would, then dropped unless it became a word character
        String lower = String.valueOf(c).toLowerCase(Locale.ROOT);
        for (int j = 0; j < lower.length(); j++) {
          char l = lower.charAt(j);
          if ((l >= 'a' && l <= 'z') || (l >= '0' && l <= '9') || l == '_') {
            out.append(l);
          }
        }
      }
    }
    return out.toString();
  }
}
