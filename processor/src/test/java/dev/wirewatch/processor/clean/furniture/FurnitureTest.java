package dev.wirewatch.processor.clean.furniture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wirewatch.processor.text.TextNormalizer;
import java.util.List;
import org.junit.jupiter.api.Test;

class FurnitureTest {
  private static final String STORY =
      "The central bank raised its main rate by half a point on Thursday, the third rise this year.";

  @Test
  void trailingFurnitureOfOtherSitesIsCutAtItsBoundary() {
    List<String> paragraphs =
        List.of(
            STORY,
            "Analysts had expected a smaller move after inflation eased in the spring.",
            "Leave a Reply",
            "Your email address will not be published. Required fields are marked.",
            "Name Email Website");
    assertThat(Furniture.strip(paragraphs)).containsExactly(paragraphs.get(0), paragraphs.get(1));

    List<String> related =
        List.of(
            STORY, "The decision was unanimous.", "Related Articles", "Rates rise again in May");
    assertThat(Furniture.strip(related)).containsExactly(STORY, "The decision was unanimous.");
  }

  @Test
  void aBoundaryPhraseEarlyInTheArticleIsNotACut() {
    // "Comments" as the second paragraph of a long story is not where the story ends.
    List<String> paragraphs = List.of("Comments", STORY, STORY + " More.", STORY + " Even more.");
    assertThat(Furniture.strip(paragraphs)).isEqualTo(paragraphs);
  }

  @Test
  void furnitureLinesAreRemovedWhereverTheyStandButSentencesMentioningThemStay() {
    String sentence = "The advertisement campaign, the minister said, would cost the state dearly.";
    List<String> paragraphs = List.of(STORY, "Advertisement", sentence, "Share this:", STORY);
    assertThat(Furniture.strip(paragraphs)).containsExactly(STORY, sentence, STORY);
  }

  @Test
  void furnitureInOtherLanguagesIsRemovedToo() {
    String story =
        "Die Regierung hat am Dienstag ein neues Gesetz beschlossen, das im Herbst in Kraft tritt.";
    List<String> paragraphs =
        List.of(
            story,
            "Lesen Sie auch: Das Gesetz im Überblick",
            "Czytaj też: Wyścig zbrojeń ruszył",
            "Das Kabinett in Berlin. (Foto: dpa)",
            "Die Ministerin vor der Presse. (Max Muster / iStock.com)",
            "Stand: 05. Februar 2020",
            "Gefällt mir:",
            story + " Weiter.",
            story + " Mehr.",
            "Ähnliche Beiträge",
            "Ein anderer Artikel über etwas anderes");
    assertThat(Furniture.strip(paragraphs))
        .containsExactly(story, story + " Weiter.", story + " Mehr.");
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
  void paywallPromptsCreditsAndAdvertLabelsAreFurniture() {
    List<String> paragraphs =
        List.of(
            STORY,
            "To view the full story, please subscribe to The Daily Example.",
            "If you're seeing this message but you're already a subscriber, log in for immediate access.",
            "- Anzeige -",
            "Reklama",
            "Foto: Agency/Photographer",
            "Quellenangaben:",
            // each paywall rule is checked behind a word its every match contains: one of each
            "To continue reading, please log in.",
            "Jetzt abonnieren und weiterlesen",
            "Abo abschließen",
            "¿Ya eres suscriptor? Inicia sesión",
            "Subscribe now for unlimited access",
            STORY + " Again.");
    assertThat(Furniture.strip(paragraphs)).containsExactly(STORY, STORY + " Again.");
    // A sentence that only mentions a subscription stays.
    String sentence =
        "Readers who subscribe to the paper's print edition will get the supplement for free, the editor said.";
    assertThat(Furniture.strip(List.of(STORY, sentence, STORY))).contains(sentence);
  }

  @Test
  void interfaceStringsOfPagesAreFurniture() {
    List<String> ui =
        List.of(
            "Lade weitere Inhalte ...",
            "Gefällt mir Wird geladen...",
            "zurück",
            "Zurück zum Newsroom",
            "Back to overview",
            "Siehe auch",
            "Mehr Themen:",
            "Ezek is érdekelhetnek",
            "drukuj",
            "COMPARTIR NOTA",
            "Permalink https://p.example.org/p/RPYx",
            "Publiziert: 03.04.2020, 12:35",
            "Veröffentlichung: 2. Februar 2022",
            "Anzeige, enthält Affiliate Links",
            "Loading…",
            "Lesen Sie auch die folgenden Beiträge:",
            "War der Artikel nützlich?",
            "(Noch keine Bewertungen)",
            "Kommentieren",
            "Dieses Skript als PDF herunterladen",
            "Bild anzeigen Bild schließen",
            "Kontakt:",
            "Kategorie: News",
            "Schon gelesen?",
            "Neueste Artikel",
            "Release Date: 21 April",
            "© Bundesrat | Photographer",
            "*Werbung. Dieser Beitrag enthält Werbung für eine Marke.");
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
