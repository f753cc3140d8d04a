package dev.wirewatch.processor.extract;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * Per-element counts over a whole subtree, computed for every element of a document in one
 * bottom-up pass, so that scoring never re-reads a subtree: text length (whitespace collapsed),
 * text inside links, commas, and how many p, img, li and pre elements it holds.
 */
final class BlockStats {
  /** Counts of one element's subtree. */
  static final class Stats {
    int text;
    int linkText;
    int commas;
    int p;
    int img;
    int li;
    int pre;

    double linkDensity() {
      return text == 0 ? 0 : Math.min(1, (double) linkText / text);
    }

    void add(Stats c) {
      text += c.text;
      linkText += c.linkText;
      commas += c.commas;
      p += c.p;
      img += c.img;
      li += c.li;
      pre += c.pre;
    }
  }

  private static final Stats EMPTY = new Stats();

  private final Map<Element, Stats> stats = new IdentityHashMap<>();
  private final List<Element> order = new ArrayList<>();

  private BlockStats() {}

  /** Counts every element under root that is not in {@code dropped} (nor under one that is). */
  static BlockStats of(Element root, Set<Element> dropped) {
    BlockStats b = new BlockStats();
    // Links inside links are counted once: track the depth of enclosing <a> elements.
    int[] inLink = {0};
    NodeTraversor.filter(new NodeFilter() {
      @Override
      public FilterResult head(Node node, int depth) {
        if (node instanceof Element e) {
          if (dropped.contains(e)) {
            return FilterResult.SKIP_ENTIRELY;
          }
          b.stats.put(e, new Stats());
          b.order.add(e);
          if (e.normalName().equals("a")) {
            inLink[0]++;
          }
        }
        return FilterResult.CONTINUE;
      }

      @Override
      public FilterResult tail(Node node, int depth) {
        tailOf(node);
        return FilterResult.CONTINUE;
      }

      private void tailOf(Node node) {
        if (node instanceof TextNode t) {
          Element parent = (Element) t.parentNode();
          Stats s = parent == null ? null : b.stats.get(parent);
          if (s != null) {
            String text = t.getWholeText();
            int len = collapsedLength(text);
            s.text += len;
            if (inLink[0] > 0) {
              s.linkText += len;
            }
            for (int i = 0; i < text.length(); i++) {
              char c = text.charAt(i);
              if (c == ',' || c == '\u060C' || c == '\uFE50' || c == '\uFF0C' || c == '\u3001') {
                s.commas++;
              }
            }
          }
        } else if (node instanceof Element e) {
          Stats s = b.stats.get(e);
          switch (e.normalName()) {
            case "a" -> inLink[0]--;
            case "p" -> s.p++;
            case "img" -> s.img++;
            case "li" -> s.li++;
            case "pre" -> s.pre++;
            default -> {}
          }
          Element parent = e.parent();
          if (parent != null) {
            Stats ps = b.stats.get(parent);
            if (ps != null) {
              ps.add(s);
            }
          }
        }
      }
    }, root);
    return b;
  }

  /** The elements under root (root included), in document order, skipping dropped subtrees. */
  static List<Element> elementsUnder(Element root, Set<Element> dropped) {
    List<Element> all = new ArrayList<>();
    NodeTraversor.filter(new NodeFilter() {
      @Override
      public FilterResult head(Node node, int depth) {
        if (node instanceof Element e) {
          if (dropped.contains(e)) {
            return FilterResult.SKIP_ENTIRELY;
          }
          all.add(e);
        }
        return FilterResult.CONTINUE;
      }
    }, root);
    return all;
  }

  /** Whether the element was counted (it is neither dropped nor under a dropped element). */
  boolean contains(Element e) {
    return stats.containsKey(e);
  }

  /** The counted elements, in document order. */
  List<Element> elements() {
    return order;
  }

  Stats get(Element e) {
    Stats s = stats.get(e);
    return s == null ? EMPTY : s;
  }

  /** Length of a text with every run of whitespace counted as one character. */
  static int collapsedLength(String s) {
    int n = 0;
    boolean space = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ws = c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\u00a0' || c == '\f';
      if (ws) {
        if (!space) {
          n++;
        }
        space = true;
      } else {
        n++;
        space = false;
      }
    }
    return n;
  }
}
