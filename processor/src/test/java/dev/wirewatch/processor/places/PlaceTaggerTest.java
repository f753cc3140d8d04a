package dev.wirewatch.processor.places;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PlaceTaggerTest {
  private static final Gazetteer GAZETTEER = Gazetteer.bundled();
  private final PlaceTagger tagger = new PlaceTagger(GAZETTEER);

  @Test
  void theSeedArticleIsAboutKenyaHaitiAndTheUnitedStates() throws Exception {
    Path seed = Path.of("..", "samples", "seed-article-haiti-kenya.txt");
    String text = Files.readString(seed);
    assertThat(tagger.tag(null, null, text)).contains("KE", "HT", "US");
  }

  @Test
  void theDatelineAndTheTitleCountMoreThanAPassingMention() {
    String body =
        "Coffee prices rose at the weekly auction, brokers said. Some lots were bound for Mombasa.\n\n"
            + "Traders said buyers from Germany were active. Prices were quoted in shillings.";
    assertThat(tagger.tag("Ugandan coffee prices rise", "KAMPALA, March 23 -", body))
        .containsExactly("UG");
  }

  @Test
  void aDatelineAtTheStartOfTheTextIsFound() {
    assertThat(
            tagger.tag(
                null,
                null,
                "NAIROBI, March 3 (Reuters) - The president spoke on Tuesday about the economy."))
        .containsExactly("KE");
    assertThat(
            tagger.tag(
                null,
                null,
                "PORTLAND, Ore., Feb 26 - The company said it filed a registration statement."))
        .containsExactly("US");
  }

  @Test
  void repeatedMentionsMakeAnArticleAboutACountry() {
    String body =
        "Haiti’s government said on Monday that the police mission would arrive soon. "
            + "Officials in Port-au-Prince welcomed the news. Haitian gangs control much of the capital.";
    assertThat(tagger.tag("Police mission", null, body)).containsExactly("HT");
  }

  @Test
  void possessivesNameTheirCountry() {
    assertThat(tagger.tag(null, null, "Kenya's parliament met in Nairobi to debate the budget."))
        .containsExactly("KE");
  }

  @Test
  void namesNeedCapitalsAndAbbreviationsTheirExactForm() {
    // "turkey" the dish and "uk" in lower case name no country; "SALE" in a headline is not Salé.
    String body =
        "The turkey was roasted for three hours and served with sauce. The recipe came from a uk blog.";
    assertThat(tagger.tag("HOLIDAY SALE ON ROASTS", null, body)).isEmpty();
    assertThat(
            tagger.tag(
                "UK and U.S. agree", null, "The UK and the U.S. signed the pact. The UK said so."))
        .containsExactlyInAnyOrder("GB", "US");
  }

  @Test
  void aCityNamedOnlyInCapitalsInAHeadlineDoesNotCount() {
    assertThat(tagger.tag("READING LIST FOR THE WEEKEND", null, "Ten books to read this weekend."))
        .isEmpty();
  }

  @Test
  void invalidRulesAreRefusedWithTheirValues() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new PlaceTagger.Rules(2, 1.5, 400, 3, 0, 0.2))
        .hasMessageContaining("minScore=0.0");
  }

  @Test
  void theGazetteerHoldsNamesDemonymsCapitalsCitiesAndFormerCountries() {
    assertThat(GAZETTEER.lookup("Kenyan")).extracting(Gazetteer.Entry::country).containsOnly("KE");
    assertThat(GAZETTEER.lookup("port-au-prince"))
        .extracting(Gazetteer.Entry::country)
        .containsOnly("HT");
    assertThat(GAZETTEER.lookup("Mombasa")).extracting(Gazetteer.Entry::country).containsOnly("KE");
    assertThat(GAZETTEER.lookup("Zaire")).extracting(Gazetteer.Entry::country).containsOnly("CD");
    assertThat(GAZETTEER.lookup("American"))
        .extracting(Gazetteer.Entry::country)
        .containsOnly("US");
    assertThat(GAZETTEER.lookup("North")).isEmpty(); // a direction, not Cameroon's North region
    assertThat(GAZETTEER.size()).isGreaterThan(20_000);
  }

  @Test
  void aLowerCaseDemonymCountsWhereTheLanguageWritesThemSo() {
    String fr =
        "Les policiers kényans patrouillent. Les renforts kényans sont arrivés hier, et les"
            + " chefs kényans les attendaient.";
    assertThat(tagger.tag("Des renforts", null, fr, "fr")).containsExactly("KE");
    assertThat(tagger.tag("Des renforts", null, fr, "en")).isEmpty();
    String es =
        "Los policías kenianos patrullan; más agentes kenianos llegarán y los jefes kenianos"
            + " los esperan.";
    assertThat(tagger.tag("Refuerzos", null, es, "es")).containsExactly("KE");
    // English capitalises demonyms: a lower-case "polish" is a verb, not Poland.
    assertThat(tagger.tag("Shoes", null, "Polish the shoes, then polish the boots.", "en"))
        .isEmpty();
  }

  @Test
  void aNameOfOneLanguageCountsOnlyInThatLanguage() {
    String creole = "Gang yo atake Okay ak Jakmèl. Polis Okay di sitiyasyon an grav.";
    assertThat(tagger.tag("Atak nan Okay", null, creole, "ht")).containsExactly("HT");
    assertThat(tagger.tag("Okay then", null, "Okay, he said. Okay, we go.", "en")).isEmpty();
    assertThat(tagger.tag("Wakenya waandamana", null, "Wakenya wengi waliandamana.", "sw"))
        .containsExactly("KE");
    assertThat(tagger.tag("Etazini ak Ayiti", null, "Etazini voye èd ann Ayiti.", null)).isEmpty();
  }

  @Test
  void elidedArticlesAndLowerCaseWordsOfANameAreReadAsTheNameIsWritten() {
    assertThat(tagger.tag("La police d'Haïti", null, "Le nord d'Haïti est isolé.", "fr"))
        .containsExactly("HT");
    String dr = "La République dominicaine ferme sa frontière.";
    assertThat(tagger.tag("La République dominicaine", null, dr, "fr")).containsExactly("DO");
    assertThat(PlaceTagger.writtenAsTheName("République dominicaine", "République dominicaine"))
        .isTrue();
    assertThat(PlaceTagger.writtenAsTheName("république dominicaine", "République dominicaine"))
        .isFalse();
    assertThat(PlaceTagger.withoutElision("d'Haïti")).isEqualTo("Haïti");
    assertThat(PlaceTagger.withoutElision("O'Brien")).isEqualTo("O'Brien");
    assertThat(PlaceTagger.withoutElision("aujourd'hui")).isEqualTo("aujourd'hui");
  }
}
