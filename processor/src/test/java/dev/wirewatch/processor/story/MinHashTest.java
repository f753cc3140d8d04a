package dev.wirewatch.processor.story;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MinHashTest {
  private static final String STORY =
      "The council approved the new budget on Tuesday after a long debate about roads, "
          + "schools and the hospital in the district, officials said, and the mayor welcomed the vote.";

  @Test
  void nearCopiesAreCloseAndDifferentTextsAreNot() {
    int[] a = MinHash.signature(STORY);
    assertThat(MinHash.similarity(a, MinHash.signature(STORY))).isEqualTo(1.0);
    assertThat(
            MinHash.similarity(
                a,
                MinHash.signature("Advertisement. " + STORY.toUpperCase() + " Share this story.")))
        .isGreaterThan(0.6);
    assertThat(
            MinHash.similarity(
                a,
                MinHash.signature(
                    "Grain exports from the port rose by 200 tonnes this week as buyers returned.")))
        .isLessThan(0.2);
  }

  @Test
  void wordsIgnoreCaseAndAccents() {
    assertThat(MinHash.words("Haïti’s POLICE, 2024!"))
        .containsExactly("haiti", "s", "police", "2024");
  }

  /**
   * The signature written the straightforward way (regex words, a string per shingle): the fast
   * path must give exactly the same values, since signatures are stored and compared later.
   */
  private static int[] reference(String text) {
    String s =
        java.util.regex.Pattern.compile("\\p{M}+")
            .matcher(java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFD))
            .replaceAll("")
            .toLowerCase(java.util.Locale.ROOT);
    java.util.List<String> words = new java.util.ArrayList<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("[\\p{L}\\p{N}]+").matcher(s);
    while (m.find() && words.size() < MinHash.MAX_WORDS) {
      words.add(m.group());
    }
    int[] sig = new int[MinHash.SIZE];
    java.util.Arrays.fill(sig, Integer.MAX_VALUE);
    int[] a = new int[MinHash.SIZE];
    int[] c0 = new int[MinHash.SIZE];
    long x = 0x9E3779B97F4A7C15L;
    for (int i = 0; i < MinHash.SIZE; i++) {
      x = MinHash.mix(x + 0x9E3779B97F4A7C15L);
      a[i] = (int) (x >>> 32) | 1;
      x = MinHash.mix(x + 0x9E3779B97F4A7C15L);
      c0[i] = (int) (x >>> 32);
    }
    long[] hashes = new long[words.size()];
    for (int w = 0; w < hashes.length; w++) {
      long h = 0xcbf29ce484222325L;
      for (char ch : words.get(w).toCharArray()) {
        h = (h ^ ch) * 0x100000001b3L;
      }
      hashes[w] = h;
    }
    int shingles = Math.max(1, words.size() - MinHash.SHINGLE + 1);
    for (int i = 0; i < shingles; i++) {
      long h = 0xcbf29ce484222325L;
      for (int k = i; k < Math.min(words.size(), i + MinHash.SHINGLE); k++) {
        h = (h ^ hashes[k]) * 0x100000001b3L;
      }
      int hx = (int) (MinHash.mix(h) >>> 32);
      for (int j = 0; j < MinHash.SIZE; j++) {
        sig[j] = Math.min(sig[j], hx * a[j] + c0[j]);
      }
    }
    return sig;
  }

  @Test
  void signaturesAreThoseOfTheStraightforwardImplementation() {
    java.util.List<String> texts =
        new java.util.ArrayList<>(
            java.util.List.of(
                STORY,
                "",
                "One",
                "Two words",
                "Haïti’s POLICE, 2024! Les Cayes — Gonaïves; naïve café",
                "the the the the the",
                "tab\tand\nnew-line_under_score 3.14",
                "Ünïcödé and ASCII mixed: Nairobi, São Paulo, Zürich.",
                "\u00e9t\u00e9 \u0301 x"));
    java.util.Random r = new java.util.Random(3);
    for (int t = 0; t < 200; t++) {
      StringBuilder b = new StringBuilder();
      int n = r.nextInt(t < 150 ? 80 : 900); // and texts longer than the words read
      for (int w = 0; w < n; w++) {
        b.append(r.nextInt(10) == 0 ? "Ké" : "")
            .append(Integer.toString(r.nextInt(5000), 36))
            .append(r.nextInt(6) == 0 ? ", " : " ");
      }
      texts.add(b.toString());
    }
    for (String text : texts) {
      assertThat(MinHash.signature(text)).as(text).isEqualTo(reference(text));
    }
  }
}
