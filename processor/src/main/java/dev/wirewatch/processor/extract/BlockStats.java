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
    Counter counter = new Counter();
    NodeTraversor.filter(new NodeFilter() {
      @Override
      public FilterResult head(Node node, int depth) {
        if (node instanceof Element e) {
          if (dropped.contains(e)) {
            return FilterResult.SKIP_ENTIRELY;
          }
          counter.enter(e, depth);
        }
        return FilterResult.CONTINUE;
      }

      @Override
      public FilterResult tail(Node node, int depth) {
        counter.leave(node, depth);
        return FilterResult.CONTINUE;
      }
    }, root);
    return counter.stats();
  }

  /**
   * Counts during a walk that another pass makes anyway (the extractor's prepare walk decides what
   * to drop and counts what it keeps, in one walk): {@link #enter} for every kept element in
   * document order, {@link #leave} for every node whose subtree was walked (text nodes included),
   * in the walk's tail order, each with its depth below the walk's root. Dropped subtrees are
   * neither entered nor left.
   */
  static final class Counter {
    private final BlockStats b = new BlockStats();
    // The counts of the open elements, by depth: a node's parent is the entry above it, so the
    // walk never looks an element up in the map (the map is for the scoring that follows).
    private Stats[] open = new Stats[64];
    // Links inside links are counted once: the depth of enclosing <a> elements.
    private int inLink;

    void enter(Element e, int depth) {
      Stats s = new Stats();
      b.stats.put(e, s);
      b.order.add(e);
      if (depth >= open.length) {
        open = java.util.Arrays.copyOf(open, Math.max(open.length * 2, depth + 1));
      }
      open[depth] = s;
      if (e.normalName().equals("a")) {
        inLink++;
      }
    }

    void leave(Node node, int depth) {
      if (node instanceof TextNode t) {
        Stats s = depth > 0 ? open[depth - 1] : null;
        if (s != null) {
          String text = t.getWholeText();
          int len = collapsedLength(text);
          s.text += len;
          if (inLink > 0) {
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
        Stats s = open[depth];
        open[depth] = null;
        switch (e.normalName()) {
          case "a" -> inLink--;
          case "p" -> s.p++;
          case "img" -> s.img++;
          case "li" -> s.li++;
          case "pre" -> s.pre++;
          default -> {}
        }
        if (depth > 0 && open[depth - 1] != null) {
          open[depth - 1].add(s);
        }
      }
    }

    BlockStats stats() {
      return b;
    }
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
