package dev.wirewatch.processor.lang;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LanguageDetectionTest {
  private final LanguageDetection languages = new LanguageDetection();

  @Test
  void detectsTheLanguageOfArticleText() {
    assertThat(
            languages.detect(
                "The Kenyan police officers arrived in Haiti on Tuesday to lead the multinational mission."))
        .contains("en");
    assertThat(
            languages.detect(
                "Die kenianischen Polizisten sind am Dienstag in Haiti eingetroffen, um die Mission zu leiten."))
        .contains("de");
    assertThat(
            languages.detect(
                "Les policiers kényans sont arrivés mardi en Haïti pour diriger la mission multinationale."))
        .contains("fr");
    assertThat(
            languages.detect(
                "Los policías kenianos llegaron el martes a Haití para dirigir la misión multinacional."))
        .contains("es");
  }

  @Test
  void knowsCreoleAndSwahiliAndFavoursTheLanguagesItKnows() {
    assertThat(
            languages.detect(
                "Polis kenyan yo rive Pòtoprens madi pou ede Polis Nasyonal Ayiti goumen ak gang yo."))
        .contains("ht");
    assertThat(
            languages.detect(
                "Polisi wa Kenya waliwasili nchini Haiti siku ya Jumanne kuongoza ujumbe wa kimataifa."))
        .contains("sw");
    // Portuguese, which a detector of 71 languages may take for Galician on a short text.
    assertThat(
            languages.detect(
                "Gangues armadas bloquearam no domingo a principal estrada que liga a capital do"
                    + " Haiti ao norte do país."))
        .contains("pt");
  }

  @Test
  void aTextInSeveralLanguagesIsTheLanguageOfMostOfIt() {
    String english = "The mission's commander said the police would stay until the elections.";
    String french =
        "Le commandant de la mission a déclaré que les policiers resteraient en Haïti jusqu'aux"
            + " élections, prévues pour l'an prochain, et que de nouveaux renforts arriveraient"
            + " dans les semaines à venir pour sécuriser les principaux axes routiers du pays.";
    assertThat(languages.detect(english + "\n\n" + french + "\n\n" + english)).contains("fr");
    assertThat(languages.decide(null, "Titre", "x", null)).isEqualTo("und");
    assertThat(languages.decide("fr-HT", "The title", english, "en")).isEqualTo("fr");
    assertThat(languages.decide(null, null, "OK", "pt-BR")).isEqualTo("pt");
  }

  @Test
  void saysNothingWithoutEnoughEvidence() {
    assertThat(languages.detect("OK")).isEmpty();
    assertThat(languages.detect(null)).isEmpty();
  }
}
