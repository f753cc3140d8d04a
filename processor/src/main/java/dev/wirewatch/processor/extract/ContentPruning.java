package dev.wirewatch.processor.extract;

import java.util.ArrayList;
import java.util.List;

/**
 * Prunes inside the chosen content what is not the story's text: link lists, image strips, empty
 * shells, captions (decided on the counts of what the attempt kept).
 */
final class ContentPruning {
  private ContentPruning() {}

  /** Drops furniture inside the chosen content: link lists, image strips, empty shells. */
  static void cleanConditionally(
      PageTable page, int root, ArticleExtractor.Rules rules, Kept kept) {
    // Decided bottom-up over the rows the attempt kept; a row dropped here does not change what
    // the rows around it decide (the counts stay those of the attempt).
    boolean[] holdsBody = holdsMarkedBody(page, root, kept);
    boolean[] inDataTable = inDataTable(page, root);
    int[] inLists = listText(page, root, kept);
    List<Integer> drop = new ArrayList<>();
    for (int row = page.end[root] - 1; row > root; row--) {
      if (!kept.counted[row] || inDataTable[row - root]) {
        continue;
      }
      if ((page.hints(row) & PageTable.HINT_CAPTION) != 0) {
        // captions and picture credits: what a picture shows is not the story's text
        drop.add(row);
        continue;
      }
      if ((page.hints(row) & PageTable.HINT_BYLINE) != 0 && kept.text[row] < MAX_BYLINE_CHARS) {
        // "By Jane Roe, Nairobi": who wrote it and where, kept in the article's metadata
        drop.add(row);
        continue;
      }
      String tag = page.el[row].normalName();
      if (!(tag.equals("div")
          || tag.equals("ul")
          || tag.equals("ol")
          || tag.equals("table")
          || tag.equals("section")
          || tag.equals("form")
          || tag.equals("figure")
          || tag.equals("dl"))) {
        continue;
      }
      if ((page.context[row] & PageTable.IN_PRE_OR_CODE) != 0) {
        continue;
      }
      double weight = rules.weightClasses() ? page.weight(row) : 0;
      int len = kept.text[row];
      double ld = kept.linkDensity(row);
      if (weight < 0 && len < 1000) {
        drop.add(row);
        continue;
      }
      if (kept.commas[row] >= 10) {
        continue;
      }
      int p = kept.p[row];
      int img = kept.img[row];
      int li = kept.li[row] - 100;
      // a box that is little but a list (a wrapper around it) is judged as the list
      boolean isList =
          tag.equals("ul") || tag.equals("ol") || inLists[row - root] > LIST_SHARE * len;
      boolean remove =
          (img > 1 && (double) p / img < 0.5 && (page.context[row] & PageTable.IN_FIGURE) == 0)
              || (!isList && li > p)
              || (weight < 25 && ld > 0.2 && len < 1000 && !isList)
              || (weight >= 25 && ld > 0.5)
              || (isList && ld > 0.6 && len < 2000)
              || (len < ArticleExtractor.MIN_BLOCK_CHARS
                  && img == 0
                  && !tag.equals("table")
                  && kept.pre[row] == 0
                  && page.isLeaf(row));
      // A box that holds a publishing system's article body is the article's, whatever its other
      // parts (a tag list, share buttons) do to its link density
      if (remove && !holdsBody[row - root]) {
        drop.add(row);
      }
    }
    for (int row : drop) {
      kept.dropped[row] = true;
    }
  }

  /**
   * For each row under {@code root} (indexed from it), whether it is or lies in a table of data. A
   * data table is content whatever its counts say: its cells are short, often linked, often
   * pictures (ticks, flags), which are the marks of furniture everywhere else.
   */
  static boolean[] inDataTable(PageTable page, int root) {
    boolean[] in = new boolean[page.end[root] - root];
    int row = root + 1;
    while (row < page.end[root]) {
      if (page.el[row].normalName().equals("table") && isDataTable(page, row)) {
        java.util.Arrays.fill(in, row - root, page.end[row] - root, true);
        row = page.end[row];
      } else {
        row++;
      }
    }
    return in;
  }

  /** Least rows that make a table one of data. */
  static final int DATA_TABLE_ROWS = 10;

  /** More columns than this make a table one of data. */
  static final int DATA_TABLE_COLUMNS = 4;

  /** Least cells (rows times columns) that make a table one of data. */
  static final int DATA_TABLE_CELLS = 10;

  /**
   * Whether a table holds data rather than lays out a page, by its markup and its shape, as
   * Readability decides: a layout role says no, headers, a caption or a summary say yes; a table
   * with a table inside is layout; otherwise many rows, many columns or many cells make it data.
   */
  static boolean isDataTable(PageTable page, int table) {
    org.jsoup.nodes.Element e = page.el[table];
    String role = Keywords.attr(e, "role");
    if (role.equals("presentation") || role.equals("none")) {
      return false;
    }
    if (!Keywords.attr(e, "summary").isBlank()) {
      return true;
    }
    int rows = 0;
    int columns = 0;
    // Stops at a table inside: scanning tables nested in tables costs each row once, not once per
    // enclosing table
    for (int row = table + 1; row < page.end[table]; row++) {
      switch (page.el[row].normalName()) {
        case "table":
          return false;
        case "caption":
          if (page.el[row].childNodeSize() > 0) {
            return true;
          }
          break;
        case "th", "thead", "tfoot", "col", "colgroup":
          return true;
        case "tr":
          rows++;
          int cells = 0;
          for (int cell = row + 1; cell < page.end[row]; cell = page.end[cell]) {
            if (page.el[cell].normalName().equals("td")) {
              cells += Math.max(1, parseSpan(Keywords.attr(page.el[cell], "colspan")));
            }
          }
          columns = Math.max(columns, cells);
          break;
        default:
          break;
      }
    }
    return rows >= DATA_TABLE_ROWS
        || columns > DATA_TABLE_COLUMNS
        || (long) rows * columns > DATA_TABLE_CELLS;
  }

  private static int parseSpan(String span) {
    try {
      return Math.min(1000, Integer.parseInt(span.strip()));
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  /** Share of a box's text in lists above which the box counts as a list. */
  static final double LIST_SHARE = 0.9;

  /**
   * For each row under {@code root} (indexed from it), the kept text of the lists under it that are
   * not inside another list under it. One pass, bottom-up.
   */
  static int[] listText(PageTable page, int root, Kept kept) {
    int[] inLists = new int[page.end[root] - root];
    for (int row = page.end[root] - 1; row > root; row--) {
      int up = page.parent[row];
      if (!kept.counted[row] || up < root) {
        continue;
      }
      String tag = page.el[row].normalName();
      inLists[up - root] +=
          tag.equals("ul") || tag.equals("ol") ? kept.text[row] : inLists[row - root];
    }
    return inLists;
  }

  /** Longest text, in characters, of an element named a byline that is taken for one. */
  static final int MAX_BYLINE_CHARS = 100;

  /** Least characters of an article body container that keep the boxes around it. */
  static final int MARKED_BODY_CHARS = 100;

  /**
   * For each row under {@code root} (indexed from it), whether it is or holds a kept container
   * named like a publishing system's article body, with {@value #MARKED_BODY_CHARS} characters or
   * more of hardly linked text. One pass, bottom-up.
   */
  static boolean[] holdsMarkedBody(PageTable page, int root, Kept kept) {
    boolean[] holds = new boolean[page.end[root] - root];
    for (int row = page.end[root] - 1; row >= root; row--) {
      if (kept.counted[row]
          && (page.hints(row) & PageTable.HINT_BODY_MARKER) != 0
          && kept.text[row] >= MARKED_BODY_CHARS
          && kept.linkDensity(row) < 0.2) {
        holds[row - root] = true;
      }
      int up = page.parent[row];
      if (holds[row - root] && up >= root) {
        holds[up - root] = true;
      }
    }
    return holds;
  }

  /** Least characters of a paragraph that marks where the story's text still runs. */
  static final int DENSE_CHARS = 120;

  /**
   * Drops the blocks after the story's last paragraph of prose that are mostly the text of links:
   * what follows an article and links away from it ("Next article: …", teaser titles, "Sign up
   * here", "More from the author") rather than telling it. A paragraph of prose is a block of text
   * without block children, at least {@value #DENSE_CHARS} characters long, under a quarter of them
   * in links. Language-agnostic: only the markup counts.
   */
  static void dropTrailingLinks(PageTable page, int root, Kept kept) {
    boolean[] blockInside = new boolean[page.end[root] - root];
    for (int row = page.end[root] - 1; row > root; row--) {
      int up = page.parent[row];
      if (up >= root
          && (blockInside[row - root]
              || ArticleExtractor.BLOCKS.contains(page.el[row].normalName()))) {
        blockInside[up - root] = true;
      }
    }
    List<Integer> blocks = new ArrayList<>();
    int lastDense = -1;
    int row = root + 1;
    while (row < page.end[root]) {
      if (kept.dropped[row]) {
        row = page.end[row];
        continue;
      }
      if (!blockInside[row - root]
          && ArticleExtractor.BLOCKS.contains(page.el[row].normalName())
          && page.text[row] > 0) {
        if (page.text[row] >= DENSE_CHARS && page.linkText[row] * 4 < page.text[row]) {
          lastDense = blocks.size();
        }
        blocks.add(row);
        row = page.end[row];
        continue;
      }
      row++;
    }
    if (lastDense < 0) {
      return;
    }
    for (int i = lastDense + 1; i < blocks.size(); i++) {
      int b = blocks.get(i);
      if (page.linkText[b] * 2 > page.text[b]) {
        kept.dropped[b] = true;
      }
    }
  }

  /**
   * Drops the headings of the content that introduce nothing that is kept: a heading followed at
   * once by a list of links that was pruned ("Related coverage"), or by no text before the next
   * heading of its rank or higher, or before the end ("Comments" over a form that was pruned). A
   * heading is the title of what follows it; with nothing following, it belongs to what was taken
   * away. Language-agnostic: only the markup and what the pruning kept count.
   */
  static void dropOrphanHeadings(PageTable page, int root, Kept kept) {
    List<Integer> pending = new ArrayList<>();
    int row = root + 1;
    while (row < page.end[root]) {
      if (kept.dropped[row]) {
        row = page.end[row];
        continue;
      }
      int rank = headingRank(page.el[row].normalName());
      if (rank > 0 && !isTitle(page.el[row])) {
        // A heading written as a sentence or a paragraph (a pull quote, a closing line) is text
        if (!pending.isEmpty()) {
          pending.clear();
        }
        row = page.end[row];
        continue;
      }
      if (rank > 0) {
        for (int i = pending.size() - 1; i >= 0; i--) {
          int other = pending.get(i);
          if (headingRank(page.el[other].normalName()) >= rank) {
            kept.dropped[other] = true;
            pending.remove(i);
          }
        }
        int next = page.end[row];
        if (next < page.end[root] && kept.dropped[next] && linkDense(page, next)) {
          // followed at once by a list of links that was pruned: the heading was its title
          kept.dropped[row] = true;
        } else {
          pending.add(row);
        }
        row = next;
        continue;
      }
      if (!pending.isEmpty() && hasOwnText(page.el[row])) {
        pending.clear();
      }
      row++;
    }
    for (int heading : pending) {
      kept.dropped[heading] = true;
    }
  }

  private static boolean linkDense(PageTable page, int row) {
    return page.text[row] > 0 && page.linkText[row] * 2 > page.text[row];
  }

  /** Longest heading, in characters, taken for a title rather than for text set large. */
  static final int MAX_TITLE_CHARS = 80;

  /** Whether a heading reads as a title: short, and not ended like a sentence. */
  private static boolean isTitle(org.jsoup.nodes.Element heading) {
    String t = heading.text().strip();
    if (t.isEmpty() || t.length() > MAX_TITLE_CHARS) {
      return false;
    }
    char last = t.charAt(t.length() - 1);
    return last != '.' && last != '!' && last != '?';
  }

  /** 1 to 6 for h1 to h6, else 0. */
  private static int headingRank(String tag) {
    return tag.length() == 2 && tag.charAt(0) == 'h' && tag.charAt(1) >= '1' && tag.charAt(1) <= '6'
        ? tag.charAt(1) - '0'
        : 0;
  }

  private static boolean hasOwnText(org.jsoup.nodes.Element e) {
    for (org.jsoup.nodes.TextNode t : e.textNodes()) {
      if (!t.isBlank()) {
        return true;
      }
    }
    return false;
  }
}
