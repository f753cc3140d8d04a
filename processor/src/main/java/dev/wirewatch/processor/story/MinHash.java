package dev.wirewatch.processor.story;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Near-duplicate signatures: MinHash over the word 3-shingles of an article's cleaned text. Two
 * signatures agree in about as many positions as the two texts' shingle sets overlap (their
 * Jaccard similarity), so copies of one wire story with different site furniture, a changed
 * headline or a trimmed ending stay close while different stories do not. Stateless; the hash
 * functions are fixed, so signatures stored yesterday compare with today's.
 */
public final class MinHash {
  /** Hash functions per signature. */
  public static final int SIZE = 64;
  /** Words per shingle. */
  public static final int SHINGLE = 3;

  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final long[] SEEDS = new long[SIZE];

  static {
    long x = 0x9E3779B97F4A7C15L;
    for (int i = 0; i < SIZE; i++) {
      x = mix(x + 0x9E3779B97F4A7C15L);
      SEEDS[i] = x;
    }
  }

  private MinHash() {}

  /** The words of a text as compared: lower-case, accents removed. */
  public static List<String> words(String text) {
    String s = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("").toLowerCase(Locale.ROOT);
    List<String> out = new ArrayList<>();
    Matcher m = WORD.matcher(s);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  /** The signature of a text; a text of fewer than three words is hashed as one shingle. */
  public static int[] signature(String text) {
    List<String> words = words(text);
    int[] sig = new int[SIZE];
    java.util.Arrays.fill(sig, Integer.MAX_VALUE);
    int shingles = Math.max(1, words.size() - SHINGLE + 1);
    for (int i = 0; i < shingles; i++) {
      StringBuilder b = new StringBuilder();
      for (int k = i; k < Math.min(words.size(), i + SHINGLE); k++) {
        b.append(words.get(k)).append(' ');
      }
      long h = fnv(b.toString());
      for (int j = 0; j < SIZE; j++) {
        int v = (int) (mix(h ^ SEEDS[j]) >>> 33);
        if (v < sig[j]) {
          sig[j] = v;
        }
      }
    }
    return sig;
  }

  /** The share of positions where two signatures agree: an estimate of the texts' Jaccard similarity. */
  public static double similarity(int[] a, int[] b) {
    int same = 0;
    for (int i = 0; i < SIZE; i++) {
      if (a[i] == b[i]) {
        same++;
      }
    }
    return (double) same / SIZE;
  }

  private static long fnv(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte c : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= c;
      h *= 0x100000001b3L;
    }
    return h;
  }

  /** SplitMix64's finaliser: a cheap, well-spread 64-bit mix. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
