package dev.wirewatch.processor.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wirewatch.processor.clean.CleanedArticle;
import dev.wirewatch.processor.clean.PageCleaner;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ArticleExtractorTest {
  private final PageCleaner extractor = new PageCleaner();

  private static String para(String s) {
    return "<p>"
        + s
        + " "
        + "The mission, led by Kenya, arrived in Port-au-Prince this week, officials said. "
            .repeat(3)
        + "</p>";
  }

  @Test
  void keepsTheStoryInOrderAndDropsTheFurnitureAroundAndInsideIt() {
    String html =
        "<html lang=\"en\"><head><title>Kenyan police arrive in Haiti | Example News</title>"
            + "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"Kenyan police arrive in Haiti\","
            + "\"datePublished\":\"2024-06-25T18:00:00+03:00\",\"author\":{\"name\":\"A. Reporter\"}}</script></head><body>"
            + "<nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/world\">World</a></li></ul></nav>"
            + "<div class=\"layout\"><div id=\"main-content\" class=\"article-body\"><h1>Kenyan police arrive in Haiti</h1>"
            + para("First.")
            + "<div class=\"share-tools\"><a href=\"#\">Share</a> <a href=\"#\">Tweet</a></div>"
            + "<h2>What comes next</h2>"
            + para("Second.")
            + "<ul><li>Point one of the plan</li><li>Point two of the plan</li></ul>"
            + "<blockquote>"
            + para("Quoted.")
            + "</blockquote>"
            + para("Third.")
            + "<div class=\"related-articles\"><h3>Related</h3><ul><li><a href=\"/a\">Other story about something</a></li>"
            + "<li><a href=\"/b\">Yet another story elsewhere</a></li></ul></div></div>"
            + "<div class=\"sidebar\"><p>Most read: <a href=\"/c\">a story that is popular today with many readers</a></p></div></div>"
            + "<footer><p>Copyright 2024 Example News. All rights reserved.</p></footer></body></html>";

    CleanedArticle a = extractor.clean(html, "https://news.example.org/2024/06/25/kenya-haiti");

    assertThat(a.title()).isEqualTo("Kenyan police arrive in Haiti");
    assertThat(a.byline()).isEqualTo("A. Reporter");
    assertThat(a.publishedAt()).isEqualTo(Instant.parse("2024-06-25T15:00:00Z"));
    assertThat(a.language()).isEqualTo("en");
    String[] paragraphs = a.text().split("\n\n");
    assertThat(paragraphs[0]).startsWith("First.");
    assertThat(a.text())
        .contains("What comes next", "Second.", "Point one of the plan", "Quoted.", "Third.");
    assertThat(a.text().indexOf("First."))
        .isLessThan(a.text().indexOf("Second."))
        .isLessThan(a.text().indexOf("Third."));
    assertThat(a.text())
        .doesNotContain(
            "Home", "Tweet", "Other story", "Most read", "Copyright", "All rights reserved");
  }

  /**
   * Boxes inside the article that publishing systems name for what they are — a teaser of another
   * story, a disclaimer, an affiliate disclosure — are not its text, whatever language they are in.
   */
  @Test
  void teaserDisclaimerAndAffiliateBoxesInsideTheArticleAreNotItsText() {
    String html =
        "<html><body><article><div class=\"article-body\">"
            + para("First.")
            + "<div class=\"inline-teaser\"><p>Lesen Sie dazu einen ganz anderen Bericht über den"
            + " Wohnungsmarkt in der Hauptstadt und seine Folgen.</p></div>"
            + para("Second.")
            + "<div class=\"editorial-disclaimer\"><p>Die in diesem Beitrag geäußerten Meinungen sind"
            + " die der Verfasser und nicht die der Redaktion.</p></div>"
            + "<p class=\"affiliate-box\">Wir erhalten eine Provision, wenn Sie über diese Links"
            + " einkaufen; am Preis ändert das nichts.</p>"
            + para("Third.")
            + "</div></article></body></html>";
    String text = extractor.clean(html, null).text();
    assertThat(text).contains("First.", "Second.", "Third.");
    assertThat(text).doesNotContain("Wohnungsmarkt", "Meinungen", "Provision");
  }

  /**
   * A class or id that joins the article's word to a furniture word names that part of the article
   * (its related box, its comments prompt), not the article; a box named for the article and,
   * separately, for something else keeps its text.
   */
  @Test
  void aCompoundNameOfArticleAndFurnitureNamesTheFurniture() {
    String html =
        "<html><body><article><div class=\"article-body\">"
            + para("First.")
            + "<div class=\"article-body-related\"><p>Also on this story: parliament in Nairobi"
            + " votes on the funding of the mission next month.</p></div>"
            + para("Second.")
            + "<div id=\"post-comments-prompt\"><p>Tell us what you think of the mission in the"
            + " box below; we read every letter.</p></div>"
            + "<div class=\"story-text has-sidebar\">"
            + para("Third.")
            + "</div></div></article></body></html>";
    String text = extractor.clean(html, null).text();
    assertThat(text).contains("First.", "Second.", "Third.");
    assertThat(text).doesNotContain("parliament in Nairobi", "Tell us what you think");
  }

  /**
   * A heading with nothing kept after it — its link list or form was pruned — goes with what it
   * introduced; a heading followed by its section stays, and so does a heading written as a
   * sentence (a pull quote).
   */
  @Test
  void aHeadingThatIntroducesOnlyWhatWasPrunedGoesWithIt() {
    String html =
        "<html><body><article>"
            + para("First.")
            + "<h2>In this section</h2>"
            + para("Second.")
            + "<h3>Elsewhere on the site</h3>"
            + "<ul><li><a href=\"/a\">A story about something else entirely</a></li>"
            + "<li><a href=\"/b\">Another story about another thing</a></li></ul>"
            + para("Third.")
            + "<h4>The mission will stay until the elections, its commander said.</h4>"
            + "<h2>Join the conversation</h2>"
            + "</article></body></html>";
    String text = extractor.clean(html, null).text();
    assertThat(text)
        .contains("In this section", "Second.", "Third.", "its commander said.")
        .doesNotContain("Elsewhere on the site", "Join the conversation");
  }

  @Test
  void aPageRenderedByScriptFallsBackToItsStructuredData() {
    String html =
        "<html><head><script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@graph\":[{\"@type\":\"WebPage\"},"
            + "{\"@type\":\"NewsArticle\",\"headline\":\"H\",\"articleBody\":\"The whole article, as the site's structured data gives it, with enough words.\"}]}"
            + "</script></head><body><div id=\"app\"></div><script>render()</script></body></html>";
    assertThat(extractor.clean(html, null).text())
        .isEqualTo("The whole article, as the site's structured data gives it, with enough words.");
  }

  @Test
  void anArticleBodyCutInPiecesAroundAdvertisingIsReadWhole() {
    // The pieces of one item's articleBody sit in different wrappers, so they are not siblings
    String html =
        "<html><body><main itemscope itemtype=\"https://schema.org/NewsArticle\">"
            + "<h1 itemprop=\"headline\">Kenyan police arrive in Haiti</h1>"
            + "<div class=\"lead\"><section itemprop=\"articleBody\">"
            + para("Opening piece.")
            + "</section></div>"
            + "<div class=\"ad-slot\"><a href=\"/ad\">Advertisement</a></div>"
            + "<div class=\"wrap\"><div class=\"inner\"><section itemprop=\"articleBody\">"
            + para("Middle piece.")
            + para("Second middle paragraph.")
            + para("Third middle paragraph.")
            + "</section><aside class=\"promo\"><a href=\"/x\">Subscribe now</a></aside>"
            + "<section itemprop=\"articleBody\">"
            + para("Closing piece.")
            + "</section></div></div></main></body></html>";
    String text = extractor.clean(html, null).text();
    assertThat(text).contains("Opening piece.", "Middle piece.", "Closing piece.");
    assertThat(text.indexOf("Opening piece."))
        .isLessThan(text.indexOf("Middle piece."))
        .isLessThan(text.indexOf("Closing piece."));
    assertThat(text).doesNotContain("Advertisement", "Subscribe");
  }

  @Test
  void theBodiesOfOtherPostsOnABlogsFrontPageAreNotPiecesOfTheArticle() {
    String html =
        "<html><body><div class=\"featured\"><div itemscope itemtype=\"https://schema.org/BlogPosting\">"
            + "<h2>The first post</h2><div itemprop=\"articleBody\">"
            + para("First post.")
            + para("First post, again.")
            + para("First post, once more.")
            + "</div></div></div><div class=\"more-posts\"><div class=\"card\">"
            + "<div itemscope itemtype=\"https://schema.org/BlogPosting\">"
            + "<h2>Another post</h2><div itemprop=\"articleBody\">"
            + para("Another post.")
            + "</div></div></div></div></body></html>";
    String text = extractor.clean(html, null).text();
    assertThat(text).contains("First post.").doesNotContain("Another post.");
  }

  @Test
  void aShortArticleIsNotTradedForALongerFormThatOnlyTheRelaxedRulesLetIn() {
    // The article is short (one paragraph, under the length that makes the extractor retry); the
    // newsletter box is longer and kept out only by its class name, which relaxed attempts ignore
    String html =
        "<html><body><main><article><div class=\"article-body\">"
            + para("Short report.")
            + "</div></article></main><div class=\"bottom\"><div class=\"newsletter-signup\"><form>"
            + "<label>Your e-mail address (required)</label><input name=\"e\">"
            + "<label>First name</label><input name=\"f\"><label>Postcode</label><input name=\"p\">"
            + "<p>By filling in this form you join our mailing list, from which you may unsubscribe at"
            + " any time; we send two or three messages a month about our campaigns and events.</p>"
            + "<p>Receive local news: the next events organised by the group nearest to you, the"
            + " meetings of its members and the actions it plans, with the details of each.</p>"
            + "<p>Take part in actions: receive news of the next actions and of the trainings that"
            + " prepare them, and tell us what you would like to help with this season.</p>"
            + "<p>Join a working group: on trade, on tax, on the climate, on public services, on"
            + " housing, on work, each meeting once a month, online or in person.</p>"
            + "<p>Give your mobile number too, and we will send you a text message, at most once a"
            + " week, when an action near you needs people, on short notice.</p>"
            + "</form></div></div></body></html>";
    String text = extractor.clean(html, null).text();
    assertThat(text).contains("Short report.").doesNotContain("mailing list", "First name");
  }

  @Test
  void aRelaxedAttemptStillRecoversAnArticleInAWrapperNamedLikeFurniture() {
    // Strict rules find only the lead; the relaxed ones find the lead and the rest with it
    String html =
        "<html><body><div class=\"article-body\"><p>Kenyan police arrived in Haiti on Tuesday,"
            + " officials in Port-au-Prince said.</p><div class=\"sidebar-layout\">"
            + para("Rest one.")
            + para("Rest two.")
            + para("Rest three.")
            + "</div></div></body></html>";
    String text = extractor.clean(html, null).text();
    assertThat(text).contains("Kenyan police arrived", "Rest one.", "Rest three.");
  }

  @Test
  void theStandfirstInTheArticlesHeaderLeadsTheText() {
    String html =
        "<html><body><div class=\"page\"><article><header><div class=\"titles\">"
            + "<h1>Kenyan police arrive in Haiti</h1>"
            + "<p class=\"intro\">Four hundred officers landed in Port-au-Prince on Tuesday, the first"
            + " of a force that is to reach a thousand by the end of the year.</p></div>"
            + "<div class=\"author-box\"><p>Jane Roe reports on East Africa from Nairobi and has"
            + " covered the country's police and courts for the paper since 2015.</p></div>"
            + "</header><div class=\"wrap\"><div class=\"article-body\">"
            + para("First.")
            + para("Second.")
            + "</div></div></article></div></body></html>";
    String text = extractor.clean(html, null).text();
    assertThat(text).startsWith("Four hundred officers landed").contains("First.", "Second.");
    // a box named like furniture (an author's box) in the header is not the lead
    assertThat(text).doesNotContain("Jane Roe");
  }

  /**
   * A header is dropped as furniture, but the standfirst often sits in the story's header: inside
   * the article or main element, such a header (an element or a box named so) is searched for the
   * lead, its paragraphs only — not its other blocks (a date and share line), nor what is hidden in
   * it.
   */
  @Test
  void aDroppedHeaderInsideTheArticleStillGivesItsStandfirst() {
    String header =
        "<h1>Kenyan police arrive in Haiti</h1>"
            + "<div>Published 25 June 2024, 18:00 · Share on Facebook · Share on X · Send by"
            + " e-mail · Print this page</div>"
            + "<p style=\"display:none\">Four hundred officers, a hidden duplicate of the lead for"
            + " screen sizes nobody uses any more, with enough words to be one.</p>"
            + "<p>Four hundred officers landed in Port-au-Prince on Tuesday, the first of a force"
            + " that is to reach a thousand by the end of the year.</p>";
    String body =
        "<div class=\"wrap\">"
            + para("First.")
            + para("Second.")
            + para("Third.")
            + para("Fourth.")
            + "</div>";
    // a <header> named so in <main>: dropped for its unlikely name
    String inMain =
        extractor
            .clean(
                "<html><body><main><header class=\"intro-header\">"
                    + header
                    + "</header>"
                    + body
                    + "</main></body></html>",
                null)
            .text();
    // a box named a header in <article>: dropped for its unlikely name
    String inArticle =
        extractor
            .clean(
                "<html><body><article><div class=\"top-header\">"
                    + header
                    + "</div>"
                    + body
                    + "</article></body></html>",
                null)
            .text();
    for (String text : java.util.List.of(inMain, inArticle)) {
      assertThat(text).startsWith("Four hundred officers landed").contains("First.", "Second.");
      assertThat(text).doesNotContain("Share on Facebook", "hidden duplicate");
    }
  }

  @Test
  void proseAboveTheContentIsItsLeadOnlyInsideAnArticleOrMainElement() {
    // The same page twice: the paragraph above the body is the story's lead when an <article>
    // element holds both, and, without one, nothing says it belongs to the story
    String page =
        "<html><body><div class=\"page\"><%s class=\"story\"><div class=\"top\"><div class=\"box\">"
            + "<p>Four hundred officers landed in Port-au-Prince on Tuesday, the first of a force that"
            + " is to reach a thousand by the end of the year.</p></div></div>"
            + "<div class=\"tools\"><a href=\"/print\">Print</a></div>"
            + "<div class=\"wrap\"><div class=\"article-body\">"
            + para("First.")
            + para("Second.")
            + "</div></div></%s></div></body></html>";
    String inArticle = extractor.clean(page.formatted("article", "article"), null).text();
    String inMain = extractor.clean(page.formatted("main", "main"), null).text();
    String inDiv = extractor.clean(page.formatted("div", "div"), null).text();
    assertThat(inArticle).startsWith("Four hundred officers").contains("First.", "Second.");
    assertThat(inMain).startsWith("Four hundred officers").contains("First.", "Second.");
    assertThat(inDiv).contains("First.", "Second.").doesNotContain("Four hundred officers");
  }

  @Test
  void tenThousandLevelsOfNestingFinishQuicklyWithoutAStackOverflow() {
    String deep = "<div>".repeat(10_000) + para("Deep.") + "</div>".repeat(10_000);
    long start = System.nanoTime();
    CleanedArticle a = extractor.clean("<html><body>" + deep + "</body></html>", null);
    // A guard against a hang or quadratic work, not a speed claim (about 1 s here; see the
    // benchmark).
    assertThat((System.nanoTime() - start) / 1e9).isLessThan(15.0);
    assertThat(a.text()).contains("Deep.");
    // tables in tables and lists in lists, which the data-table and list tests scan
    String tables =
        "<table><tr><td>".repeat(3_000) + para("Tables.") + "</td></tr></table>".repeat(3_000);
    String lists =
        "<div><ul><li>".repeat(3_000) + para("Lists.") + "</li></ul></div>".repeat(3_000);
    assertThat(extractor.clean("<html><body>" + tables + "</body></html>", null).text())
        .contains("Tables.");
    assertThat(extractor.clean("<html><body>" + lists + "</body></html>", null).text())
        .contains("Lists.");
    // pieces of an article body inside pieces, which the split-body search walks
    String pieces =
        "<div itemscope>"
            + "<div itemprop=\"articleBody\"><div itemscope>".repeat(3_000)
            + para("Pieces.")
            + "</div></div>".repeat(3_000)
            + "</div>";
    assertThat(extractor.clean("<html><body>" + pieces + "</body></html>", null).text())
        .contains("Pieces.");
  }

  @Test
  void aTenMegabytePageFinishesWithinSeconds() {
    StringBuilder big = new StringBuilder("<html><body><article>");
    while (big.length() < 10_000_000) {
      big.append(para("Long.")).append("<div class=\"ad\"><a href=\"/x\">advert link</a></div>");
    }
    big.append("</article></body></html>");
    extractor.clean("<p>warm up</p>", null);
    long start = System.nanoTime();
    CleanedArticle a = extractor.clean(big.toString(), null);
    // A guard against a hang or quadratic work, not a speed claim (about 2.5 s here).
    assertThat((System.nanoTime() - start) / 1e9).isLessThan(30.0);
    assertThat(a.text()).startsWith("Long.").doesNotContain("advert link");
  }

  @Test
  void invalidUtf8BecomesReplacementCharactersNotAFailure() {
    byte[] bytes =
        ("<html><body>" + para("Caf\u00e9") + "</body></html>")
            .getBytes(StandardCharsets.ISO_8859_1);
    String decoded =
        new String(bytes, StandardCharsets.UTF_8); // as a lenient UTF-8 reader gives it
    assertThat(extractor.clean(decoded, null).text()).startsWith("Caf\uFFFD");
  }

  @Test
  void aCommentFormIsNotTheArticleEvenWhenThePostIsShort() {
    String html =
        "<html><body><div id=\"content\"><div class=\"post\"><p>Short post. It says one thing only.</p>"
            + "<p>And a second thought, briefly.</p></div>"
            + "<div id=\"respond\"><h3>Leave a reply</h3><form><p>Your email address will not be published, and required fields are marked, as usual, here.</p>"
            + "<p><label>Comment</label><textarea></textarea></p><p><label>Name, and e-mail, please</label></p></form></div>"
            + "</div><footer>"
            + "Site map, imprint, privacy, contact, archive. ".repeat(8)
            + "</footer></body></html>";
    String text = extractor.clean(html, null).text();
    assertThat(text)
        .contains("Short post.", "a second thought")
        .doesNotContain("email address", "Name, and e-mail");
  }

  @Test
  void aPageWhoseHeaderOrNoscriptWrapsTheArticleKeepsTheArticle() {
    String wrapped =
        "<html><body><header id=\"branding\"><div class=\"logo\">Site</div>"
            + "<article>"
            + para("Inside a header.")
            + para("More.")
            + "</article></header></body></html>";
    assertThat(extractor.clean(wrapped, null).text()).startsWith("Inside a header.");
    String scripted =
        "<html><body><div class=\"post-body\"><noscript>"
            + para("Rendered by script.")
            + para("Again.")
            + "</noscript></div><noscript><img src=\"/pixel\">Enable JavaScript to see comments.</noscript></body></html>";
    assertThat(extractor.clean(scripted, null).text())
        .startsWith("Rendered by script.")
        .doesNotContain("Enable JavaScript");
  }

  @Test
  void captionsAndPictureCreditsAreNotArticleText() {
    String html =
        "<html><body><article>"
            + para("Before.")
            + "<figure><img src=\"a.jpg\">"
            + "<figcaption>Officers at the airport (Photo: Agency)</figcaption></figure>"
            + "<div class=\"wp-caption-text\">Another picture caption</div>"
            + para("After.")
            + "</article></body></html>";
    String text = extractor.clean(html, null).text();
    assertThat(text)
        .contains("Before.", "After.")
        .doesNotContain("Officers at the airport", "Another picture caption");
  }

  @Test
  void aPublishingSystemsBodyContainerHoldsTheWholeArticle() {
    // Two parts of the body in separate blocks, the second without the first's long paragraphs.
    String html =
        "<html><body><div class=\"entry-content\"><div class=\"part\">"
            + para("One.")
            + para("Two.")
            + "</div>"
            + "<div class=\"inline-note\"><p>A short closing line of the post itself.</p></div></div>"
            + "<div class=\"sidebar-box\">"
            + para("Elsewhere.")
            + "</div></body></html>";
    String text = extractor.clean(html, null).text();
    assertThat(text).contains("One.", "Two.", "A short closing line").doesNotContain("Elsewhere.");
  }

  @Test
  void linkLinesAfterTheLastParagraphOfTheStoryAreNotItsText() {
    String html =
        "<html><body><article>"
            + para("One.")
            + "<p>A short aside with <a href=\"/guide\">a guide</a> in the middle.</p>"
            + para("Two.")
            + "<p><a href=\"/next\">Next: the road to the capital reopens after the floods</a></p>"
            + "<p>Read more: <a href=\"/teaser\">a story on the harbour and its new cranes</a></p>"
            + "<p>Reporting by A. Writer; editing by B. Editor.</p>"
            + "</article></body></html>";
    String text = extractor.clean(html, null).text();
    assertThat(text)
        // text around a link, and a short closing line without one, stay
        .contains("One.", "a guide", "Two.", "Reporting by A. Writer")
        .doesNotContain("road to the capital", "harbour and its new cranes");
  }

  @Test
  void aLinkLineBeforeTheLastParagraphOfTheStoryStays() {
    String html =
        "<html><body><article>"
            + para("One.")
            + "<p><a href=\"/doc\">The full report of the commission, as published</a></p>"
            + para("Two.")
            + "</article></body></html>";
    assertThat(extractor.clean(html, null).text()).contains("One.", "full report", "Two.");
  }

  @Test
  void aSignInDialogIsNotTheArticleEvenWhenItReadsLikeProse() {
    String account =
        "<p>Create an account to save, sort, share and print articles, follow topics, writers"
            + " and places, comment, and get the newsletters you choose, each morning, free.</p>";
    String html =
        "<html><body><nav>"
            + "<a href=\"/s\">A section of the site with a long name</a> ".repeat(30)
            + "</nav><div class=\"login-modal\"><div class=\"panel\">"
            + account.repeat(3)
            + "</div></div><div class=\"story\">"
            + para("Report.")
            + para("More.")
            + para("Last.")
            + "</div></body></html>";
    assertThat(extractor.clean(html, null).text())
        .contains("Report.")
        .doesNotContain("Create an account");
  }

  @Test
  void softHyphensAndZeroWidthSpacesDoNotSplitWords() {
    // Typesetting hints, invisible on the page: a search for the word must find it
    String html =
        "<html><body><article>"
            + para("Schon im Mit&shy;tel&shy;al&shy;ter war der Wein bekannt.")
            + "<p>A zero\u200Bwidth space, and one \u200B between words.</p>"
            + "</article></body></html>";
    String text = extractor.clean(html, null).text();
    assertThat(text)
        .contains("Schon im Mittelalter war", "A zerowidth space, and one between words.")
        .doesNotContain("\u00ad", "\u200b");
  }

  @Test
  void aHeadingsAnchorMadeFromItsWordsIsNoHint() {
    // "Related work" and "Sharing rules" get the ids related-work and sharing-rules, as wikis and
    // documentation generators make them; the words say what the section is about
    String html =
        "<html><body><article>"
            + para("Intro.")
            + "<h2><span id=\"Related_work\">Related work</span></h2>"
            + para("Earlier.")
            + "<h2 id=\"sharing-rules\">Sharing rules</h2>"
            + para("Rules.")
            + "<div id=\"related\"><a href=\"/x\">Elsewhere on the site</a></div>"
            + "</article></body></html>";
    String text = extractor.clean(html, null).text();
    assertThat(text).contains("Related work", "Sharing rules").doesNotContain("Elsewhere");
  }
}
