package dev.wirewatch.processor.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Element;

/**
 * Finds the element that holds the article: scores text blocks by length, commas and class/id
 * hints, passes the scores up to their ancestors, and takes the best candidate with the siblings
 * that belong to it.
 */
final class ContentScoring {
  private ContentScoring() {}

  static final Set<String> SCORED =
      Set.of("p", "pre", "td", "blockquote", "section", "h2", "h3", "h4", "h5", "h6");
  static final Set<String> DIV_BLOCK_CHILDREN =
      Set.of(
          "a",
          "blockquote",
          "dl",
          "div",
          "img",
          "ol",
          "p",
          "pre",
          "table",
          "ul",
          "section",
          "article",
          "h1",
          "h2",
          "h3",
          "h4",
          "h5",
          "h6",
          "figure",
          "header",
          "footer",
          "aside",
          "nav",
          "form");

  /**
   * Scores the blocks and returns the top candidate's row with the sibling rows that belong to it.
   */
  static int[] articleParts(PageTable page, ArticleExtractor.Rules rules, Kept kept) {
    int n = page.size;
    double[] score = new double[n];
    boolean[] scored = new boolean[n];
    // Rows in the order they were first scored, so that ties between candidates resolve the same
    // way on every run.
    int[] order = new int[n];
    int orderSize = 0;
    for (int row = 0; row < n; row++) {
      if (!kept.counted[row]) {
        continue;
      }
      String tag = page.el[row].normalName();
      boolean block = SCORED.contains(tag) || (tag.equals("div") && !hasBlockChild(page.el[row]));
      if (!block || kept.text[row] < ArticleExtractor.MIN_BLOCK_CHARS) {
        continue;
      }
      double s = 1 + kept.commas[row] + Math.min(Math.floor(kept.text[row] / 100.0), 3);
      int a = page.parent[row];
      for (int level = 0; a >= 0 && level < 5; level++, a = page.parent[a]) {
        if (!scored[a]) {
          scored[a] = true;
          score[a] = initialScore(page, a, rules);
          order[orderSize++] = a;
        }
        double divider = level == 0 ? 1 : level == 1 ? 2 : level * 3;
        score[a] += s / divider;
      }
    }
    int top = -1;
    double topScore = 0;
    for (int i = 0; i < orderSize; i++) {
      int a = order[i];
      score[a] *= 1 - kept.linkDensity(a);
      if (score[a] > topScore) {
        top = a;
        topScore = score[a];
      }
    }
    if (top < 0) {
      return new int[] {0};
    }
    // The body container of the common publishing systems, named by its class: when it holds real
    // text it is the article, whatever the scores of its parts or of its wrappers say.
    int marked = rules.weightClasses() ? markedBody(page, kept) : -1;
    if (marked >= 0
        && (marked == top
            || page.isAncestor(marked, top)
            || (!page.isAncestor(top, marked) && kept.text[marked] >= kept.text[top] / 2))) {
      top = marked;
      topScore = Math.max(topScore, scored[marked] ? score[marked] : topScore);
    }
    // An article split into several blocks: when at least three other strong candidates share an
    // ancestor with the top one, that ancestor holds the article.
    List<Integer> alternatives = new ArrayList<>();
    for (int i = 0; i < orderSize; i++) {
      int a = order[i];
      if (a != top && score[a] >= topScore * 0.75) {
        alternatives.add(a);
      }
    }
    alternatives.sort((x, y) -> Double.compare(score[y], score[x])); // stable: ties stay in order
    if (alternatives.size() > 5) {
      alternatives = alternatives.subList(0, 5);
    }
    if (alternatives.size() >= 3) {
      for (int up = page.parent[top]; up > 0; up = page.parent[up]) {
        int contained = 0;
        for (int alt : alternatives) {
          if (page.isAncestor(up, alt)) {
            contained++;
          }
        }
        if (contained >= 3) {
          top = up;
          topScore = Math.max(topScore, scored[up] ? score[up] : topScore);
          break;
        }
      }
    }
    // A lone child is no different from its parent: climb while the parent holds nothing else.
    while (page.parent[top] > 0 && page.childCount(page.parent[top]) == 1) {
      top = page.parent[top];
    }
    int parent = page.parent[top];
    if (parent < 0) {
      return new int[] {top};
    }
    double threshold = Math.max(10, topScore * 0.2);
    String topClass = Keywords.attr(page.el[top], "class");
    int topIndex = -1;
    for (int c = parent + 1, i = 0; c < page.end[parent]; c = page.end[c], i++) {
      if (c == top) {
        topIndex = i;
      }
    }
    int[] parts = new int[page.childCount(parent)];
    int partCount = 0;
    for (int sibling = parent + 1, index = 0;
        sibling < page.end[parent];
        sibling = page.end[sibling], index++) {
      if (!kept.counted[sibling]) {
        continue;
      }
      Element e = page.el[sibling];
      // The block right before or after the article body (a lead, a teaser, a closing note) belongs
      // to it when it is real text: long enough, hardly linked, not named like furniture.
      if (Math.abs(index - topIndex) == 1) {
        String tag = e.normalName();
        if ((tag.equals("div") || tag.equals("section") || tag.equals("p"))
            && kept.text[sibling] > 100
            && kept.linkDensity(sibling) < 0.2
            && (!rules.weightClasses() || page.weight(sibling) >= 0)) {
          parts[partCount++] = sibling;
          continue;
        }
      }
      if (sibling == top) {
        parts[partCount++] = sibling;
        continue;
      }
      double bonus =
          !topClass.isEmpty() && Keywords.attr(e, "class").equals(topClass) ? topScore * 0.2 : 0;
      if (scored[sibling] && score[sibling] + bonus >= threshold) {
        parts[partCount++] = sibling;
      } else if (e.normalName().equals("p")) {
        int len = kept.text[sibling];
        double ld = kept.linkDensity(sibling);
        if ((len > 80 && ld < 0.25)
            || (len > 0 && len <= 80 && ld == 0 && e.text().matches("(?s).*\\.( |$).*"))) {
          parts[partCount++] = sibling;
        }
      }
    }
    return withLead(
        page,
        kept,
        rules,
        withSplitBody(page, kept, marked, java.util.Arrays.copyOf(parts, partCount)));
  }

  /** Most paragraphs taken as the lead of an article: a standfirst is a paragraph or two. */
  static final int MAX_LEAD_PARAGRAPHS = 2;

  /** Least characters of a lead paragraph (as for a paragraph beside the body, above). */
  static final int MIN_LEAD_CHARS = 80;

  /**
   * The parts with the article's lead before them. News pages put the standfirst (the paragraph
   * under the headline that sums up the story) in the article's header, apart from the body's
   * container and often not its sibling, so scoring, which finds the body, leaves it out. Inside
   * the {@code <article>} (or else {@code <main>}) element that holds the content, paragraphs of
   * prose before the content — long enough, hardly linked, in no box named like furniture, no
   * byline, caption or figure — are that lead. Only inside such an element: it says what belongs to
   * the story (or is the page's main content); above the content elsewhere on a page lie teasers
   * and other stories.
   *
   * <p>A header there (a {@code <header>}, or a box named so) that the attempt dropped — page
   * headers are dropped as furniture — is searched too, since that is where the standfirst sits;
   * inside it only {@code <p>} paragraphs count, as its other leaf blocks hold dates, ratings and
   * share bars, and boxes that would be dropped on their own (hidden, unlikely names) stay out.
   */
  static int[] withLead(PageTable page, Kept kept, ArticleExtractor.Rules rules, int[] parts) {
    if (parts.length == 0) {
      return parts;
    }
    int first = parts[0];
    int article = page.parent[first];
    while (article >= 0
        && !page.el[article].normalName().equals("article")
        && !page.el[article].normalName().equals("main")) {
      article = page.parent[article];
    }
    if (article < 0) {
      return parts;
    }
    int[] lead = new int[MAX_LEAD_PARAGRAPHS];
    int leads = 0;
    int row = article + 1;
    int headerEnd = -1; // the end of the dropped header being searched
    while (row < first && leads < MAX_LEAD_PARAGRAPHS) {
      if (page.isAncestor(row, first)) {
        row++;
        continue;
      }
      boolean inHeader = row < headerEnd;
      int hints = page.hints(row);
      if (!kept.counted[row] && !inHeader && (hints & PageTable.HINT_HEADER) != 0) {
        headerEnd = page.end[row];
        row++;
        continue;
      }
      boolean furniture =
          (inHeader ? wouldDropInHeader(page, row, hints) : !kept.counted[row])
              || (rules.weightClasses() && page.weight(row) < 0)
              || (hints & (PageTable.HINT_BYLINE | PageTable.HINT_CAPTION)) != 0
              || (page.context[row] & PageTable.IN_FIGURE) != 0;
      if (furniture) {
        row = page.end[row];
        continue;
      }
      String tag = page.el[row].normalName();
      // rows under a dropped header keep their own counts (Kept subtracts only above a drop)
      if ((tag.equals("p") || (!inHeader && tag.equals("div") && !hasBlockChild(page.el[row])))
          && kept.text[row] >= MIN_LEAD_CHARS
          && kept.linkDensity(row) < 0.2) {
        lead[leads++] = row;
        row = page.end[row];
        continue;
      }
      row++;
    }
    if (leads == 0) {
      return parts;
    }
    int[] out = new int[leads + parts.length];
    System.arraycopy(lead, 0, out, 0, leads);
    System.arraycopy(parts, 0, out, leads, parts.length);
    return out;
  }

  /**
   * Whether a row inside a dropped header would have been dropped on its own: a tag never read,
   * hidden, a furniture role, or an unlikely name (a header's own name aside).
   */
  private static boolean wouldDropInHeader(PageTable page, int row, int hints) {
    return ArticleExtractor.DROP_TAGS.contains(page.el[row].normalName())
        || (hints & (PageTable.HINT_HIDDEN | PageTable.HINT_FURNITURE_ROLE)) != 0
        || ((hints & PageTable.HINT_UNLIKELY) != 0
            && (hints & (PageTable.HINT_MAYBE | PageTable.HINT_HEADER)) == 0);
  }

  /**
   * The parts with the other pieces of an article body split in several elements. A page that puts
   * advertising or pictures between the parts of its text often cuts its schema.org {@code
   * articleBody} in pieces, each marked as the body of the same item; the pieces need not be
   * siblings, so the sibling rule above misses them. Every piece of the same item that holds real,
   * hardly linked text belongs to the article, in page order. Only the microdata property counts: a
   * class name (entry-content) is repeated by every post of a blog's front page, each its own
   * article, where one item's property belongs to one article.
   */
  static int[] withSplitBody(PageTable page, Kept kept, int marked, int[] parts) {
    if (marked < 0 || !isBodyProperty(page, marked)) {
      return parts;
    }
    int base = page.bodyRow();
    boolean[] covered = new boolean[page.size];
    int[] startsBefore = new int[page.size + 1];
    boolean holdsMarked = false;
    for (int p : parts) {
      java.util.Arrays.fill(covered, p, page.end[p], true);
      startsBefore[p + 1]++;
      holdsMarked |= p == marked || page.isAncestor(p, marked);
    }
    if (!holdsMarked) {
      return parts;
    }
    for (int row = 0; row < page.size; row++) {
      startsBefore[row + 1] += startsBefore[row];
    }
    // the nearest microdata item (itemscope) around each row, in one pass down the page
    int[] item = new int[page.size];
    for (int r = 0; r < page.size; r++) {
      int up = page.parent[r];
      item[r] = up < 0 ? -1 : Keywords.has(page.el[up], "itemscope") ? up : item[up];
    }
    List<Integer> all = new ArrayList<>();
    for (int p : parts) {
      all.add(p);
    }
    int row = base;
    while (row >= 0 && row < page.size) {
      boolean piece =
          !covered[row]
              && startsBefore[page.end[row]] == startsBefore[row] // holds no part
              && kept.counted[row]
              && kept.text[row] > 0
              && kept.linkDensity(row) < 0.35
              && isBodyProperty(page, row)
              && item[row] == item[marked];
      if (piece) {
        all.add(row);
        row = page.end[row];
      } else {
        row++;
      }
    }
    if (all.size() == parts.length) {
      return parts;
    }
    return all.stream().mapToInt(Integer::intValue).sorted().toArray();
  }

  private static boolean isBodyProperty(PageTable page, int row) {
    return (page.hints(row) & PageTable.HINT_BODY_MARKER) != 0
        && Keywords.attr(page.el[row], "itemprop").contains("articleBody");
  }

  /** The largest row named like an article body that holds real, hardly linked text; or -1. */
  static int markedBody(PageTable page, Kept kept) {
    int best = -1;
    int bestText = 199;
    for (int row = 0; row < page.size; row++) {
      if (kept.counted[row]
          && (page.hints(row) & PageTable.HINT_BODY_MARKER) != 0
          && kept.text[row] > bestText
          && kept.linkDensity(row) < 0.35) {
        best = row;
        bestText = kept.text[row];
      }
    }
    return best;
  }

  static boolean hasBlockChild(Element e) {
    // Walks the children in place: children() would copy them into a new list for every element.
    for (Element c = e.firstElementChild(); c != null; c = c.nextElementSibling()) {
      if (DIV_BLOCK_CHILDREN.contains(c.normalName())) {
        return true;
      }
    }
    return false;
  }

  static double initialScore(PageTable page, int row, ArticleExtractor.Rules rules) {
    double s =
        switch (page.el[row].normalName()) {
          case "div", "article", "main" -> 5;
          case "pre", "td", "blockquote", "section" -> 3;
          case "address", "ol", "ul", "dl", "dd", "dt", "li", "form" -> -3;
          case "h1", "h2", "h3", "h4", "h5", "h6", "th" -> -5;
          default -> 0;
        };
    return s + (rules.weightClasses() ? page.weight(row) : 0);
  }
}
