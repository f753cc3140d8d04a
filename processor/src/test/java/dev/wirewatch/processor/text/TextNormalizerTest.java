package dev.wirewatch.processor.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The normaliser's scans give what the library calls they stand in front of give: NFC of text below
 * U+0300 is the text, and control characters go as the regular expression says.
 */
class TextNormalizerTest {
  private static final Pattern CONTROL =
      Pattern.compile("[\\p{Cc}&&[^\\n\\t]]|[\\p{Cf}&&[^\\u200d]]");

  @Test
  void nfcAndControlsAsTheLibraryAndTheExpression() {
    String alphabet = "aÅe\u0301\u0300\u00ad\u200b\u200d\u0007\t\n\r ñ\u2028\u00a0𝐀\uDB40\uDC01ǅ";
    int points = alphabet.codePointCount(0, alphabet.length());
    Random random = new Random(7);
    for (int round = 0; round < 20_000; round++) {
      StringBuilder b = new StringBuilder();
      int length = random.nextInt(16);
      for (int i = 0; i < length; i++) {
        b.appendCodePoint(
            alphabet.codePointAt(alphabet.offsetByCodePoints(0, random.nextInt(points))));
      }
      String text = b.toString();
      assertThat(TextNormalizer.nfc(text))
          .isEqualTo(Normalizer.normalize(text, Normalizer.Form.NFC));
      assertThat(TextNormalizer.withoutControls(text))
          .isEqualTo(CONTROL.matcher(text).replaceAll(""));
    }
  }

  @Test
  void everyCharacterBelowCombiningMarksIsAlreadyNfc() {
    for (char c = 0; c < '\u0300'; c++) {
      String s = "a" + c + "b";
      assertThat(Normalizer.isNormalized(s, Normalizer.Form.NFC)).as("U+%04X", (int) c).isTrue();
    }
  }
}
