package dev.wirewatch.processor.places;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The place tagger's word scan reads words exactly as the regular expression it replaced did (kept
 * here as the specification), on written examples and on random text made of the characters where
 * the two could differ.
 */
class PlaceWordsTest {
  private static final Pattern WORD =
      Pattern.compile("\\p{L}[\\p{L}\\p{M}'’]*(?:[-.]\\p{L}[\\p{L}\\p{M}'’]*)*\\.?");

  private static List<String> byRegex(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = WORD.matcher(text);
    while (m.find()) {
      out.add(PlaceTagger.withoutPossessive(PlaceTagger.withoutElision(m.group())));
    }
    return out;
  }

  @Test
  void writtenExamples() {
    for (String text :
        List.of(
            "Port-au-Prince, Haïti — the U.S. said on Monday.",
            "d'Haïti and l'Ouganda; Kenya's police. Kenya.",
            "e\u0301te\u0301 a\u0301 Bogota\u0301 -- -x x- .y y. ..",
            "𝐀𝐁 ok 中文 العربية Ελλάδα",
            "",
            "'quoted' ’curly’ a-b-c a.b.c. end.")) {
      assertThat(PlaceTagger.Words.of(text).list()).as(text).isEqualTo(byRegex(text));
    }
  }

  @Test
  void randomText() {
    String alphabet = "aZé\u0301-.'’ ,\n1Ωß中𝐀";
    Random random = new Random(20261201);
    for (int round = 0; round < 20_000; round++) {
      StringBuilder b = new StringBuilder();
      int length = random.nextInt(24);
      for (int i = 0; i < length; i++) {
        b.appendCodePoint(
            alphabet.codePointAt(
                alphabet.offsetByCodePoints(
                    0, random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
      }
      String text = b.toString();
      assertThat(PlaceTagger.Words.of(text).list()).as(text).isEqualTo(byRegex(text));
    }
  }
}
