package dev.wirewatch.processor.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

class ContentPruningTest {
  /** The rows the strictest attempt keeps after pruning inside {@code rootTag}. */
  private static String keptText(String html, String rootTag) {
    PageTable page = PageTable.of(Jsoup.parse(html), e -> {});
    int[] decisions = new int[page.size];
    Arrays.fill(decisions, Kept.UNDECIDED);
    ArticleExtractor.Rules rules = new ArticleExtractor.Rules(true, true, true);
    Kept kept = new Kept(page, decisions, rules);
    int root = 0;
    while (!page.el[root].normalName().equals(rootTag)) {
      root++;
    }
    ContentPruning.cleanConditionally(page, root, rules, kept);
    java.util.List<String> paragraphs = new java.util.ArrayList<>();
    BlockText.blocks(page, root, kept.dropped, paragraphs);
    return String.join("\n", paragraphs);
  }

  // A paywalled article: one visible paragraph in the publishing system's body container, in a
  // box whose tag list makes a fifth and more of its text
  private static String page(String bodyClass) {
    return "<html><body><article><h1>New bridge to open</h1><div class=\"row\">"
        + "<div class=\""
        + bodyClass
        + "\"><p>The minister said on Monday that the new bridge"
        + " over the river would open to traffic before the end of the year.</p></div>"
        + "<ul><li><a href=\"/t/1\">Bridges</a></li><li><a href=\"/t/2\">Transport</a></li>"
        + "<li><a href=\"/t/3\">Ministry of works</a></li><li><a href=\"/t/4\">Rivers and canals"
        + "</a></li></ul></div></article></body></html>";
  }

  @Test
  void aBoxHoldingAnArticleBodyIsNotPrunedForItsLinks() {
    assertThat(keptText(page("entry-content"), "article"))
        .contains("the new bridge over the river");
  }

  @Test
  void theSameBoxWithoutABodyContainerIsPrunedForItsLinks() {
    // the rule the body container is an exception to: a fifth of a box's text in links, and short
    assertThat(keptText(page("part"), "article")).doesNotContain("the new bridge");
  }

  // A results table: a row per team, a tick picture in each cell that is done — short cells and
  // more pictures than paragraphs, the counts of an image strip
  private static String resultsTable(String headerRow, int teams) {
    StringBuilder html =
        new StringBuilder(
            "<html><body><article><p>The season ended on Sunday, and the league published which"
                + " teams met each of this year's goals.</p><table>");
    html.append(headerRow);
    for (int i = 0; i < teams; i++) {
      html.append("<tr><td>Team ").append((char) ('A' + i)).append("</td>");
      for (int goal = 0; goal < 3; goal++) {
        html.append("<td><img src=\"/tick.png\" alt=\"\"></td>");
      }
      html.append("</tr>");
    }
    return html.append("</table></article></body></html>").toString();
  }

  @Test
  void aTableWithHeadersIsDataAndKeptWhole() {
    String html =
        resultsTable("<tr><th>Team</th><th>Goal 1</th><th>Goal 2</th><th>Goal 3</th></tr>", 2);
    assertThat(keptText(html, "article")).contains("Team A", "Team B", "Goal 2");
  }

  @Test
  void aTableOfManyCellsIsDataAndKeptWhole() {
    assertThat(keptText(resultsTable("", 4), "article")).contains("Team A", "Team D");
  }

  @Test
  void aSmallTableWithoutHeadersIsPrunedLikeAnyBoxOfPictures() {
    // two rows of four cells: no headers, not enough cells to be data — a strip of pictures
    assertThat(keptText(resultsTable("", 2), "article"))
        .contains("The season ended")
        .doesNotContain("Team A");
  }

  private static boolean firstTableIsData(String html) {
    PageTable page = PageTable.of(Jsoup.parse(html), e -> {});
    int row = 0;
    while (!page.el[row].normalName().equals("table")) {
      row++;
    }
    return ContentPruning.isDataTable(page, row);
  }

  @Test
  void aTableHoldingATableIsLayout() {
    assertThat(
            firstTableIsData(
                "<table><tr><td><table><tr><td>a</td></tr></table></td><td>b</td><td>c</td>"
                    + "<td>d</td><td>e</td><td>f</td></tr></table>"))
        .isFalse();
    assertThat(firstTableIsData("<table role=\"presentation\"><tr><th>a</th></tr></table>"))
        .isFalse();
    // the same six columns without the table inside are data
    assertThat(
            firstTableIsData(
                "<table><tr><td>a</td><td>b</td><td>c</td><td>d</td><td>e</td><td>f</td></tr>"
                    + "</table>"))
        .isTrue();
  }

  // A list of steps, each naming a linked tool, inside a plain wrapper: nearly half the text is in
  // links, too much for a box (a fifth), not for a list (three fifths)
  private static final String STEPS =
      "<html><body><article><p>Repotting takes ten minutes and a little care, and it keeps an"
          + " orchid flowering for years.</p><div class=\"wrap\"><ul>"
          + "<li>Loosen the roots with <a href=\"/t/1\">a wooden chopstick</a></li>"
          + "<li>Cut dead roots with <a href=\"/t/2\">sterile garden scissors</a></li>"
          + "<li>Pot it again in <a href=\"/t/3\">fresh orchid bark mix</a></li>"
          + "</ul>%s</div></article></body></html>";

  @Test
  void aWrapperThatIsAllListIsJudgedAsTheList() {
    assertThat(keptText(STEPS.formatted(""), "article")).contains("Loosen the roots");
  }

  @Test
  void aWrapperWithMoreThanTheListIsJudgedAsABox() {
    // the same list with a line of links beside it: the box is no longer a list, and goes
    String html = STEPS.formatted("<p><a href=\"/more\">More gardening guides and videos</a></p>");
    assertThat(keptText(html, "article")).doesNotContain("Loosen the roots");
  }

  // A paragraph that points the reader to other parts of the same report
  private static String pointers(String prefix) {
    return "<html><body><article><p>The report came out on Tuesday and runs to forty pages.</p>"
        + "<div class=\"part\"><p>The survey covered households in three districts; see <a href=\""
        + prefix
        + "method\">how the households were chosen</a> and <a href=\""
        + prefix
        + "limits\">what the survey could not measure</a>.</p></div></article></body></html>";
  }

  @Test
  void linksWithinThePageCountForLittle() {
    assertThat(keptText(pointers("#"), "article")).contains("The survey covered households");
  }

  @Test
  void theSameLinksOffThePageMakeTheBoxALinkBox() {
    assertThat(keptText(pointers("/report/"), "article"))
        .doesNotContain("The survey covered households");
  }

  private static String withByline(String byline) {
    return "<html><body><article><h1>Floods close the coast road</h1>"
        + byline
        + "<p>Heavy rain overnight flooded the coast road in two places, and the county closed it"
        + " until the water goes down.</p></article></body></html>";
  }

  @Test
  void aBylineIsNotText() {
    assertThat(keptText(withByline("<p class=\"byline\">By Jane Roe, Mombasa</p>"), "article"))
        .contains("Heavy rain")
        .doesNotContain("Jane Roe");
    assertThat(keptText(withByline("<a rel=\"author\" href=\"/jr\">Jane Roe</a>"), "article"))
        .doesNotContain("Jane Roe");
    // nor a picture's credit, wherever the page puts it
    assertThat(
            keptText(
                withByline("<p><span class=\"photo-credit\">Photo: Jane Roe</span></p>"),
                "article"))
        .doesNotContain("Jane Roe");
  }

  @Test
  void aLongBlockNamedForItsAuthorIsText() {
    // an author's note of a paragraph is something the article says, whatever its class
    String note =
        "<p class=\"author-note\">Jane Roe grew up on the coast road and has reported on every"
            + " flood there since 1998, when the old bridge went.</p>";
    assertThat(keptText(withByline(note), "article")).contains("Jane Roe grew up");
  }
}
