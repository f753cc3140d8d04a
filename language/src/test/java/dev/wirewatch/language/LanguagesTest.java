package dev.wirewatch.language;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LanguagesTest {
  private final Languages languages = Languages.bundled();

  static List<String> tokens(Analyzer a, String text) throws IOException {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = a.tokenStream("text", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(term.toString());
      }
      ts.end();
    }
    return out;
  }

  @Test
  void theBundledLanguagesAreTheSixAndTheNeutralAnalysis() {
    assertThat(languages.codes()).containsExactly("und", "en", "fr", "es", "pt", "ht", "sw");
    assertThat(languages.specific()).extracting(Language::code).doesNotContain("und");
    assertThat(languages.label("fr")).isEqualTo("Français (fr)");
    assertThat(languages.label("ht")).isEqualTo("Kreyòl ayisyen (ht)");
    assertThat(languages.label("de")).isEqualTo("Deutsch (de)");
    assertThat(languages.label("und")).isEqualTo("Undetermined (und)");
    assertThat(languages.label("qq")).isEqualTo("qq");
    assertThat(languages.orNeutral("xx").code()).isEqualTo("und");
    assertThat(languages.orNeutral(null).code()).isEqualTo("und");
    assertThat(languages.get("fr").orElseThrow().lowercaseDemonyms()).isTrue();
    assertThat(languages.get("en").orElseThrow().lowercaseDemonyms()).isFalse();
  }

  @Test
  void theNeutralAnalysisFoldsAccentsAndElisionButDoesNotStem() throws IOException {
    Analyzer neutral = languages.neutral().index();
    assertThat(tokens(neutral, "Haïti, Haití: l'armée de la Policía"))
        .containsExactly("haiti", "haiti", "armee", "de", "la", "policia");
    assertThat(tokens(neutral, "Kenyans")).containsExactly("kenyans");
  }

  @Test
  void eachLanguageStemsItsOwnWay() throws IOException {
    assertThat(tokens(languages.get("en").orElseThrow().index(), "The police arrived"))
        .containsExactly("polic", "arriv");
    assertThat(tokens(languages.get("fr").orElseThrow().index(), "Les policiers kényans"))
        .isEqualTo(tokens(languages.get("fr").orElseThrow().index(), "le policier kényan"));
    assertThat(tokens(languages.get("es").orElseThrow().index(), "los policías kenianos"))
        .isEqualTo(tokens(languages.get("es").orElseThrow().index(), "policia keniano"));
    assertThat(tokens(languages.get("pt").orElseThrow().index(), "os policiais quenianos"))
        .isEqualTo(tokens(languages.get("pt").orElseThrow().index(), "policial queniano"));
    // Creole and Swahili: folded and function words dropped, not stemmed.
    assertThat(tokens(languages.get("ht").orElseThrow().index(), "Polis yo rive nan Pòtoprens"))
        .containsExactly("polis", "rive", "potoprens");
    assertThat(tokens(languages.get("sw").orElseThrow().index(), "Polisi wa Kenya na Haiti"))
        .containsExactly("polisi", "kenya", "haiti");
  }

  @Test
  void taggingKeepsAcronymsAndFoldsPlurals() throws IOException {
    assertThat(tokens(languages.get("en").orElseThrow().tagging(), "U.S. funds"))
        .containsExactly("us", "fund");
    assertThat(tokens(languages.get("fr").orElseThrow().tagging(), "l'aide américaine"))
        .isEqualTo(tokens(languages.get("fr").orElseThrow().tagging(), "aides américaines"));
  }

  @Test
  void aWrongLanguageFileNamesTheFileTheKeyAndTheProblem(@TempDir Path dir) throws IOException {
    Path d = dir.resolve(Languages.DIR);
    Files.createDirectories(d);
    Files.writeString(d.resolve("languages.txt"), "und\nxx\n");
    Files.writeString(d.resolve("und.properties"), "name=Und\nindex=standard\ntagging=standard\n");
    Files.writeString(
        d.resolve("xx.properties"), "name=X\nindex=standard | noSuchFilter\ntagging=standard\n");
    assertThatThrownBy(() -> load(dir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("xx.properties: index: token filter 'noSuchFilter'");

    Files.writeString(
        d.resolve("xx.properties"), "name=X\nindex=standard | stop(words\ntagging=standard\n");
    assertThatThrownBy(() -> load(dir)).hasMessageContaining("xx.properties: index:");

    Files.writeString(
        d.resolve("xx.properties"),
        "name=X\nindex=standard\ntagging=standard\nlowercaseDemonyms=yes\n");
    assertThatThrownBy(() -> load(dir))
        .hasMessageContaining("xx.properties: lowercaseDemonyms: must be true or false, got 'yes'");

    Files.writeString(d.resolve("xx.properties"), "name=X\ntagging=standard\n");
    assertThatThrownBy(() -> load(dir)).hasMessageContaining("xx.properties: index: missing");

    Files.writeString(d.resolve("languages.txt"), "en\n");
    Files.writeString(d.resolve("en.properties"), "name=E\nindex=standard\ntagging=standard\n");
    assertThatThrownBy(() -> load(dir)).hasMessageContaining("must list und");
  }

  @Test
  void aLanguageIsAddedByDataAlone(@TempDir Path dir) throws IOException {
    Path d = dir.resolve(Languages.DIR);
    Files.createDirectories(d);
    Files.writeString(d.resolve("languages.txt"), "und\nit\n");
    Files.writeString(d.resolve("und.properties"), "name=Und\nindex=standard\ntagging=standard\n");
    Files.writeString(
        d.resolve("it.properties"),
        "name=Italian\nnativeName=Italiano\n"
            + "index=standard | lowercase | italianLightStem | asciiFolding\n"
            + "tagging=classic | lowercase\nlowercaseDemonyms=true\n");
    Languages it = load(dir);
    assertThat(it.codes()).containsExactly("und", "it");
    assertThat(it.label("it")).isEqualTo("Italiano (it)");
    Analyzer italian = it.get("it").orElseThrow().index();
    assertThat(tokens(italian, "Città")).isEqualTo(tokens(italian, "citta"));
  }

  private static Languages load(Path dir) throws IOException {
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
      return Languages.load(loader);
    }
  }
}
