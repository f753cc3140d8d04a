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
    List<Integer> drop = new ArrayList<>();
    for (int row = page.end[root] - 1; row > root; row--) {
      if (!kept.counted[row]) {
        continue;
      }
      if ((page.hints(row) & PageTable.HINT_CAPTION) != 0) {
        // captions and picture credits: what a picture shows is not the story's text
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
      boolean isList = tag.equals("ul") || tag.equals("ol");
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
      if (remove) {
        drop.add(row);
      }
    }
    for (int row : drop) {
      kept.dropped[row] = true;
    }
  }
}
