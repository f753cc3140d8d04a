package dev.wirewatch.processor.extract;

import org.jsoup.nodes.Element;

/**
 * One attempt's view of the page: which rows it drops (scripts, forms, navigation, hidden and
 * unlikely elements), and the counts of what it keeps (the table's counts less those of the dropped
 * subtrees).
 */
final class Kept {
  /** A row's element is kept in every attempt. */
  static final int KEEP = 0;

  /** A row's element is dropped in every attempt. */
  static final int DROP = 1;

  /** A row's element is dropped only by attempts that strip unlikely elements. */
  static final int DROP_IF_UNLIKELY = 2;

  /** Not decided yet: a row is decided when an attempt first reaches it. */
  static final int UNDECIDED = -1;

  /**
   * What attempts do with a row whose parent they keep: scripts, forms' controls, navigation,
   * hidden and unlikely elements are not content. One decision serves every attempt, since only the
   * unlikely rule depends on the attempt. {@code half} is half the page's text.
   */
  static int dropDecision(PageTable page, int row, int half) {
    Element e = page.el[row];
    String tag = e.normalName();
    if (ArticleExtractor.DROP_TAGS.contains(tag)) {
      return DROP;
    }
    // A row holds "a minor part" of the page when under half of the page's text is inside it.
    boolean minor = page.text[row] < half;
    // Page headers (outside article and main), forms (comment, login, newsletter, consent) and
    // noscript fallbacks are not the article — unless a broken or script-rendered page put most
    // of its text inside one.
    if ((tag.equals("header") && (page.context[row] & PageTable.IN_ARTICLE) == 0)
        || tag.equals("noscript")) {
      return minor ? DROP : KEEP;
    }
    if (tag.equals("form")) {
      // a shop's product form holds its description: paragraphs of prose
      return minor && !hasProse(page, row) ? DROP : KEEP;
    }
    int hints = page.hints(row);
    if ((hints & PageTable.HINT_ATTRIBUTES) == 0) {
      return KEEP;
    }
    if ((hints & (PageTable.HINT_HIDDEN | PageTable.HINT_FURNITURE_ROLE)) != 0) {
      return DROP;
    }
    if ((page.context[row] & PageTable.IN_TABLE_OR_CODE) != 0
        || tag.equals("body")
        || tag.equals("html")
        || tag.equals("article")
        || tag.equals("main")
        || tag.equals("a")) {
      return KEEP;
    }
    if ((hints & PageTable.HINT_OVERLAY) != 0) {
      // consent banners are never the article, in any attempt
      return minor ? DROP : KEEP;
    }
    if ((hints & PageTable.HINT_UNLIKELY) != 0 && (hints & PageTable.HINT_MAYBE) == 0) {
      // a layout wrapper named after its sidebar still holds the article (a list is no wrapper)
      return tag.equals("ul") || tag.equals("ol") || minor ? DROP_IF_UNLIKELY : KEEP;
    }
    return KEEP;
  }

  /** Whether a paragraph of at least 150 characters lies under the row. */
  static boolean hasProse(PageTable page, int row) {
    for (int r = row + 1; r < page.end[row]; r++) {
      if (page.text[r] >= 150 && page.el[r].normalName().equals("p")) {
        return true;
      }
    }
    return false;
  }

  final boolean[] counted;
  final boolean[] dropped;
  final int[] text;
  final int[] linkText;
  final int[] commas;
  final int[] p;
  final int[] img;
  final int[] li;
  final int[] pre;

  Kept(PageTable page, int[] decisions, ArticleExtractor.Rules rules) {
    int n = page.size;
    counted = new boolean[n];
    dropped = new boolean[n];
    text = java.util.Arrays.copyOf(page.text, n);
    linkText = java.util.Arrays.copyOf(page.linkText, n);
    commas = java.util.Arrays.copyOf(page.commas, n);
    p = java.util.Arrays.copyOf(page.p, n);
    img = java.util.Arrays.copyOf(page.img, n);
    li = java.util.Arrays.copyOf(page.li, n);
    pre = java.util.Arrays.copyOf(page.pre, n);
    int row = 0;
    int half = n == 0 ? 0 : page.text[0] / 2;
    while (row < n) {
      if (decisions[row] == UNDECIDED) {
        decisions[row] = dropDecision(page, row, half);
      }
      int d = decisions[row];
      if (d == DROP || (d == DROP_IF_UNLIKELY && rules.stripUnlikely())) {
        dropped[row] = true;
        for (int up = page.parent[row]; up >= 0; up = page.parent[up]) {
          text[up] -= page.text[row];
          linkText[up] -= page.linkText[row];
          commas[up] -= page.commas[row];
          p[up] -= page.p[row];
          img[up] -= page.img[row];
          li[up] -= page.li[row];
          pre[up] -= page.pre[row];
        }
        row = page.end[row];
      } else {
        counted[row] = true;
        row++;
      }
    }
  }

  double linkDensity(int row) {
    return text[row] == 0 ? 0 : Math.min(1, (double) linkText[row] / text[row]);
  }
}
