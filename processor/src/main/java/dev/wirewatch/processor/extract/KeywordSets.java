package dev.wirewatch.processor.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Several keyword lists matched against a class or id name in one scan, answering which lists have
 * a keyword inside the name (a bit per list). Trying each list's keywords one by one with {@code
 * contains} costs a scan of the name per keyword — some 200 scans for every element of a page —
 * where this costs one scan in which each position only meets the keywords that start with its two
 * characters.
 *
 * <p>Keywords are lower-case ASCII of at least two characters; names are matched ignoring ASCII
 * case. Immutable once built, so one instance serves every thread.
 */
final class KeywordSets {
  private static final int PAIRS = 128 * 128;

  private final String[][] words = new String[PAIRS][];
  private final int[][] bits = new int[PAIRS][];

  /** Adds a list: a name containing any of {@code keywords} gets {@code bit} in {@link #match}. */
  KeywordSets add(int bit, String... keywords) {
    for (String k : keywords) {
      if (k.length() < 2
          || !k.equals(k.toLowerCase(Locale.ROOT))
          || !k.chars().allMatch(c -> c < 128)) {
        throw new IllegalArgumentException(
            "keyword must be lower-case ASCII of two or more characters: '" + k + "'");
      }
      int pair = k.charAt(0) * 128 + k.charAt(1);
      List<String> w =
          words[pair] == null ? new ArrayList<>() : new ArrayList<>(List.of(words[pair]));
      int at = w.indexOf(k);
      if (at >= 0) {
        bits[pair][at] |= bit;
        continue;
      }
      w.add(k);
      words[pair] = w.toArray(String[]::new);
      int[] b = bits[pair] == null ? new int[1] : java.util.Arrays.copyOf(bits[pair], w.size());
      b[w.size() - 1] = bit;
      bits[pair] = b;
    }
    return this;
  }

  /**
   * The bits of every list with a keyword inside {@code name}; 0 when none (or the name is empty).
   */
  int match(String name) {
    int found = 0;
    int n = name.length();
    int c1 = n == 0 ? 0 : lower(name.charAt(0));
    for (int i = 0; i + 1 < n; i++) {
      int c0 = c1;
      c1 = lower(name.charAt(i + 1));
      if ((c0 | c1) >= 128) {
        continue;
      }
      int pair = c0 * 128 + c1;
      String[] candidates = words[pair];
      if (candidates == null) {
        continue;
      }
      int[] b = bits[pair];
      for (int k = 0; k < candidates.length; k++) {
        if ((found & b[k]) != b[k] && matchesAt(name, i, candidates[k])) {
          found |= b[k];
        }
      }
    }
    return found;
  }

  private static boolean matchesAt(String name, int at, String word) {
    int len = word.length();
    if (at + len > name.length()) {
      return false;
    }
    for (int j = 2; j < len; j++) {
      if (lower(name.charAt(at + j)) != word.charAt(j)) {
        return false;
      }
    }
    return true;
  }

  private static int lower(char c) {
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
  }
}
