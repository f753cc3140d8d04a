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
  void saysNothingWithoutEnoughEvidence() {
    assertThat(languages.detect("OK")).isEmpty();
    assertThat(languages.detect(null)).isEmpty();
  }
}
