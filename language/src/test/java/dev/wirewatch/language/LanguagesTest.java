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
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
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
    assertThat(languages.neutral().query()).isSameAs(neutral);
    assertThat(languages.neutral().stems()).isEmpty();
  }

  @Test
  void aLanguageLeavesItsStopWordsOutOfTheNeutralWords() throws IOException {
    assertThat(tokens(languages.get("en").orElseThrow().index(), "The police arrived"))
        .containsExactly("police", "arrived");
    // the stop list writes accents; the words are matched before folding
    assertThat(tokens(languages.get("fr").orElseThrow().index(), "Elle était à Haïti"))
        .containsExactly("haiti");
    assertThat(tokens(languages.get("es").orElseThrow().index(), "Él está más en Haití"))
        .containsExactly("haiti");
  }

  @Test
  void eachLanguageStemsItsOwnWay() throws IOException {
    assertThat(tokens(query("en"), "The police arrived")).containsExactly("police", "arrive");
    assertThat(tokens(query("en"), "policy")).containsExactly("policy");
    assertThat(tokens(query("fr"), "Les policiers kényans"))
        .isEqualTo(tokens(query("fr"), "le policier kényan"));
    assertThat(tokens(query("es"), "los policías kenianos"))
        .isEqualTo(tokens(query("es"), "policia keniano"));
    assertThat(tokens(query("pt"), "os policiais quenianos"))
        .isEqualTo(tokens(query("pt"), "policial queniano"));
    // Creole and Swahili: folded and function words dropped, not stemmed, no field of their own.
    assertThat(tokens(query("ht"), "Polis yo rive nan Pòtoprens"))
        .containsExactly("polis", "rive", "potoprens");
    assertThat(tokens(query("sw"), "Polisi wa Kenya na Haiti"))
        .containsExactly("polisi", "kenya", "haiti");
    assertThat(languages.get("ht").orElseThrow().stems()).isEmpty();
    assertThat(languages.get("sw").orElseThrow().stems()).isEmpty();
  }

  @Test
  void aLanguagesOwnFieldHoldsOnlyStemsThatDifferFromTheirWord() throws IOException {
    StemField fr = languages.get("fr").orElseThrow().stems().orElseThrow();
    // "les" is a stop word, "kenya" stems to itself: only policiers and kényans give a stem
    assertThat(tokens(fr.analyzer(), "Les policiers du Kenya kényans"))
        .containsExactly("polici", "kenyan");
    assertThat(positions(fr.analyzer(), "Les policiers du Kenya kényans"))
        .as("positions as in the neutral field, so phrases line up")
        .containsExactly(1, 4);
    StemField en = languages.get("en").orElseThrow().stems().orElseThrow();
    assertThat(tokens(en.analyzer(), "Kenya police arrived")).containsExactly("arrive");
  }

  @Test
  void theCachedStemsOfTheIndexAreTheStemsOfTheAnalyzer() throws IOException {
    String[] texts = {
      "The Kenyan police arrived in Port-au-Prince; the policemen were arriving daily.",
      "Les policiers kényans sont arrivés en Haïti. L'armée les attendait.",
      "La policía de Kenia llegó a Haití con ayuda de Estados Unidos.",
      "Os policiais quenianos chegaram ao Haiti com ajuda dos Estados Unidos."
    };
    for (Language l : languages.specific()) {
      if (l.stems().isEmpty()) {
        continue;
      }
      for (int round = 0; round < 2; round++) { // cold, then from the cache
        for (String text : texts) {
          List<String> viaIndex = new ArrayList<>();
          List<Integer> at = new ArrayList<>();
          try (TokenStream ts =
              l.stems().get().fromIndex().apply(l.index().tokenStream("text", text))) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
            ts.reset();
            int pos = -1;
            while (ts.incrementToken()) {
              pos += inc.getPositionIncrement();
              viaIndex.add(term.toString());
              at.add(pos);
            }
            ts.end();
          }
          assertThat(viaIndex)
              .as(l.code() + ": " + text)
              .isEqualTo(tokens(l.stems().get().analyzer(), text));
          assertThat(at).isEqualTo(positions(l.stems().get().analyzer(), text));
        }
      }
    }
  }

  private Analyzer query(String code) {
    return languages.get(code).orElseThrow().query();
  }

  static List<Integer> positions(Analyzer a, String text) throws IOException {
    List<Integer> out = new ArrayList<>();
    try (TokenStream ts = a.tokenStream("text", text)) {
      PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
      ts.reset();
      int at = -1;
      while (ts.incrementToken()) {
        at += inc.getPositionIncrement();
        out.add(at);
      }
      ts.end();
    }
    return out;
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
    String und = "name=Und\nwords=standard\nfold=asciiFolding\ntagging=standard\n";
    Files.writeString(d.resolve("und.properties"), und);
    Files.writeString(d.resolve("xx.properties"), "name=X\nstem=noSuchFilter\ntagging=standard\n");
    assertThatThrownBy(() -> load(dir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("xx.properties: stem: token filter 'noSuchFilter'")
        .hasMessageNotContaining("stemmerOverride"); // not Lucene's list of every filter

    Files.writeString(d.resolve("xx.properties"), "name=X\nstop=stop(words\ntagging=standard\n");
    assertThatThrownBy(() -> load(dir)).hasMessageContaining("xx.properties: stop:");

    Files.writeString(
        d.resolve("xx.properties"),
        "name=X\nstem=lowercase\ntagging=standard\nlowercaseDemonyms=yes\n");
    assertThatThrownBy(() -> load(dir))
        .hasMessageContaining("xx.properties: lowercaseDemonyms: must be true or false, got 'yes'");

    Files.writeString(d.resolve("xx.properties"), "name=X\n");
    assertThatThrownBy(() -> load(dir)).hasMessageContaining("xx.properties: tagging: missing");

    Files.writeString(d.resolve("und.properties"), "name=Und\nwords=standard\ntagging=standard\n");
    Files.writeString(d.resolve("xx.properties"), "name=X\ntagging=standard\n");
    assertThatThrownBy(() -> load(dir)).hasMessageContaining("und.properties: fold: missing");

    Files.writeString(d.resolve("languages.txt"), "en\n");
    Files.writeString(d.resolve("en.properties"), "name=E\ntagging=standard\n");
    assertThatThrownBy(() -> load(dir)).hasMessageContaining("must list und");
  }

  @Test
  void aLanguageIsAddedByDataAlone(@TempDir Path dir) throws IOException {
    Path d = dir.resolve(Languages.DIR);
    Files.createDirectories(d);
    Files.writeString(d.resolve("languages.txt"), "und\nit\n");
    Files.writeString(
        d.resolve("und.properties"),
        "name=Und\nwords=standard | lowercase\nfold=asciiFolding\ntagging=standard\n");
    Files.writeString(
        d.resolve("it.properties"),
        "name=Italian\nnativeName=Italiano\n"
            + "stop=stop(words=stop-it.txt)\n"
            + "stem=italianLightStem\n"
            + "tagging=classic | lowercase\nlowercaseDemonyms=true\n");
    Files.writeString(dir.resolve("stop-it.txt"), "più\nle\n");
    Languages it = load(dir);
    assertThat(it.codes()).containsExactly("und", "it");
    assertThat(it.label("it")).isEqualTo("Italiano (it)");
    Language italian = it.get("it").orElseThrow();
    assertThat(tokens(italian.index(), "Più città")).containsExactly("citta");
    assertThat(tokens(italian.query(), "le città")).isEqualTo(tokens(italian.query(), "citta"));
    assertThat(italian.stems()).isPresent();
  }

  private static Languages load(Path dir) throws IOException {
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
      return Languages.load(loader);
    }
  }
}
