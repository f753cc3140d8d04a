package dev.wirewatch.processor.clean.furniture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wirewatch.processor.text.TextNormalizer;
import java.util.List;
import org.junit.jupiter.api.Test;

class FurnitureTest {
  private static final String STORY =
      "The central bank raised its main rate by half a point on Thursday, the third rise this year.";

  private static final String GERMAN_STORY =
      "Die Regierung hat am Dienstag ein neues Gesetz beschlossen, das im Herbst in Kraft tritt.";

  /** Two paragraphs of a story, long enough that what follows them is its tail. */
  private static final List<String> BODY =
      List.of(
          STORY,
          "Analysts had expected a smaller move after inflation eased in the spring, and markets"
              + " fell in the hour after the announcement.");

  private static List<String> story(String... after) {
    List<String> all = new java.util.ArrayList<>(BODY);
    all.addAll(List.of(after));
    return all;
  }

  // Each kind of furniture below is written in our own words, as a site of that kind would put
  // it; none is copied from the evaluation pages.

  @Test
  void aCommentSectionEndsTheStory() {
    assertThat(
            Furniture.strip(
                story(
                    "Add your comment",
                    "Nobody has commented on this yet. Be the first to share your thoughts.",
                    "Name (required)")))
        .isEqualTo(BODY);
    assertThat(Furniture.strip(story("14 Comments", "Reader A: Great piece."))).isEqualTo(BODY);
    assertThat(Furniture.strip(story("Kommentar schreiben", "Ihr Name"))).isEqualTo(BODY);
    assertThat(Furniture.strip(story("Deja un comentario", "Tu correo no será publicado.")))
        .isEqualTo(BODY);
  }

  @Test
  void postNavigationAndRelatedListsEndTheStory() {
    assertThat(Furniture.strip(story("Next article", "Ten things to do this weekend")))
        .isEqualTo(BODY);
    assertThat(Furniture.strip(story("Recommended stories", "Why rents keep rising")))
        .isEqualTo(BODY);
    assertThat(Furniture.strip(story("You might also like", "A guide to winter tyres")))
        .isEqualTo(BODY);
    assertThat(Furniture.strip(story("Weitere Artikel zum Thema", "Die Bahn streikt wieder")))
        .isEqualTo(BODY);
    assertThat(Furniture.strip(story("Noticias relacionadas", "El peso cae otra vez")))
        .isEqualTo(BODY);
    assertThat(Furniture.strip(story("À lire également", "La grève continue"))).isEqualTo(BODY);
    assertThat(Furniture.strip(story("Filed under: Economy, Banks"))).isEqualTo(BODY);
  }

  @Test
  void aNewsletterBoxOrAnAuthorBoxEndsTheStory() {
    assertThat(
            Furniture.strip(
                story(
                    "Sign up for our weekly newsletter",
                    "Get the best of the week in your inbox every Friday.")))
        .isEqualTo(BODY);
    assertThat(
            Furniture.strip(
                story("About the author", "Jane Roe covers central banks from London.")))
        .isEqualTo(BODY);
  }

  @Test
  void aBoundaryPhraseEarlyInTheArticleIsNotACut() {
    // "Comments" as the second paragraph of a long story is not where the story ends.
    List<String> paragraphs = List.of("Comments", STORY, STORY + " More.", STORY + " Even more.");
    assertThat(Furniture.strip(paragraphs)).isEqualTo(paragraphs);
  }

  @Test
  void shareBarsAndAdvertLabelsAreRemovedWhereverTheyStand() {
    String sentence = "The advertisement campaign, the minister said, would cost the state dearly.";
    assertThat(
            Furniture.strip(
                List.of(
                    STORY,
                    "ADVERTISEMENT",
                    sentence,
                    "Share this story",
                    "Tweet",
                    "— Werbung —",
                    "Sponsored",
                    "Partager sur",
                    STORY)))
        .containsExactly(STORY, sentence, STORY);
  }

  @Test
  void pictureCreditsAndDatesStandingAloneAreRemoved() {
    String story = GERMAN_STORY;
    assertThat(
            Furniture.strip(
                List.of(
                    story,
                    "Photo: A. Photographer / Some Agency",
                    "The harbour at dawn. (Photo: City archive)",
                    "Crowds outside the court. (J. Doe / Getty Images)",
                    "Bildnachweis:",
                    "14.02.2023, 09:30",
                    "March 3, 2021",
                    "Aktualisiert am 4. März",
                    story + " Mehr.")))
        .containsExactly(story, story + " Mehr.");
  }

  @Test
  void readAlsoPromptsInSeveralLanguagesAreRemoved() {
    String story = GERMAN_STORY;
    assertThat(
            Furniture.strip(
                List.of(
                    story,
                    "Lesen Sie auch: Was das neue Gesetz für Mieter bedeutet",
                    "Read also: How the vote went",
                    "Lee también: Cómo votó el Congreso",
                    "Leggi anche: Il voto in Senato",
                    "Zobacz także: Jak głosował Sejm",
                    story + " Weiter.")))
        .containsExactly(story, story + " Weiter.");
  }

  @Test
  void hardWrappedWireCopyBecomesParagraphs() {
    String wire =
        "Showers continued throughout the week in\nthe Bahia cocoa zone, alleviating the drought.\n"
            + "    The dry period means the temporao will be late\nthis year.\n";
    assertThat(TextNormalizer.paragraphs(wire))
        .containsExactly(
            "Showers continued throughout the week in the Bahia cocoa zone, alleviating the drought.",
            "The dry period means the temporao will be late this year.");
  }

  @Test
  void wireCopyEndsAParagraphAtAShortLineThatEndsASentenceAndDecodesEntities() {
    String wire =
        "Net profit rose to 4.1 mln dlrs from 3.2 mln dlrs a year\nearlier, the company said in a statement.\n"
            + "    Revenue was 12.5 mln dlrs, up from 11.0 mln dlrs, AT&amp;T said in the\nsame statement, which was published on Monday in New York.\n Reuter\n&#3;";
    assertThat(TextNormalizer.paragraphs(wire))
        .containsExactly(
            "Net profit rose to 4.1 mln dlrs from 3.2 mln dlrs a year earlier, the company said in a statement.",
            "Revenue was 12.5 mln dlrs, up from 11.0 mln dlrs, AT&T said in the same statement, which was published on Monday in New York.",
            "Reuter");
  }

  @Test
  void normalisationComposesUnicodeAndDropsControlCharacters() {
    String decomposed = "Cafe\u0301\u0007 au  lait\u00a0 ok";
    assertThat(TextNormalizer.paragraphs(decomposed)).containsExactly("Caf\u00e9 au lait ok");
  }

  @Test
  void paywallAndAdBlockerPromptsAreFurnitureButSentencesAboutSubscriptionsStay() {
    List<String> paragraphs =
        List.of(
            STORY,
            "To read the full article, become a member today.",
            "Already a subscriber? Sign in here.",
            "Subscribe now and get the first month free",
            "To continue reading, please sign in or create an account.",
            "Jetzt abonnieren und alle Artikel lesen",
            "Bereits Abonnent? Hier anmelden",
            "Déjà abonné ? Connectez-vous",
            "¿Ya eres suscriptor? Entra aquí",
            "We noticed you are using an ad blocker. Please disable your ad blocker to support us.",
            STORY + " Again.");
    assertThat(Furniture.strip(paragraphs)).containsExactly(STORY, STORY + " Again.");
    // A sentence that only mentions a subscription stays.
    String sentence =
        "Readers who subscribe to the paper's print edition will get the supplement for free, the editor said.";
    assertThat(Furniture.strip(List.of(STORY, sentence, STORY))).contains(sentence);
  }

  @Test
  void interfaceStringsOfPagesAreFurnitureButSentencesStartingLikeThemStay() {
    List<String> ui =
        List.of(
            "Loading...",
            "Wird geladen …",
            "Back to the homepage",
            "Zurück zur Übersicht",
            "See also",
            "Mehr zum Thema",
            "Back to top",
            "Table of contents",
            "Print this article",
            "Download as PDF",
            "Was this article helpful?",
            "Rate this article",
            "Category: Local news",
            "Most read",
            "Permalink",
            "Last updated: 3 hours ago",
            "© 2024 Example Media. All rights reserved.");
    List<String> paragraphs = new java.util.ArrayList<>(List.of(STORY));
    paragraphs.addAll(ui);
    paragraphs.add(STORY + " Again.");
    assertThat(Furniture.strip(paragraphs)).containsExactly(STORY, STORY + " Again.");
    String sentence = "Zurück in Nairobi sagte der Minister, die Mission werde im Juni beginnen.";
    assertThat(Furniture.strip(List.of(STORY, sentence, STORY))).contains(sentence);
    String contact =
        "Kontakt: Die Polizei sucht Zeugen, die am Dienstagabend in der Innenstadt etwas beobachtet haben.";
    assertThat(Furniture.strip(List.of(STORY, contact, STORY))).contains(contact);
  }

  @Test
  void anchoringSeesThroughCharacterClasses() {
    assertThat(Furniture.anchoredAtStart("^ad[,:|-]x|^b")).isTrue();
    assertThat(Furniture.anchoredAtStart("^a|b")).isFalse();
    assertThat(Furniture.anchoredAtStart("^(a|b)c")).isTrue();
  }
}
