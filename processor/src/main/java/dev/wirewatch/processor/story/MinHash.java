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
 * signatures agree in about as many positions as the two texts' shingle sets overlap (their Jaccard
 * similarity), so copies of one wire story with different site furniture, a changed headline or a
 * trimmed ending stay close while different stories do not. Stateless; the hash functions are
 * fixed, so signatures stored yesterday compare with today's.
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
    if (ascii(text)) {
      return asciiWords(text); // the same words without Unicode normalisation or a regex
    }
    String s =
        MARKS
            .matcher(Normalizer.normalize(text, Normalizer.Form.NFD))
            .replaceAll("")
            .toLowerCase(Locale.ROOT);
    List<String> out = new ArrayList<>();
    Matcher m = WORD.matcher(s);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  private static boolean ascii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /** For ASCII text, {@code [\p{L}\p{N}]+} is {@code [A-Za-z0-9]+}. */
  private static List<String> asciiWords(String text) {
    List<String> out = new ArrayList<>();
    int n = text.length();
    int i = 0;
    while (i < n) {
      while (i < n && !asciiLetterOrDigit(text.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && asciiLetterOrDigit(text.charAt(i))) {
        i++;
      }
      if (i > start) {
        out.add(text.substring(start, i).toLowerCase(Locale.ROOT));
      }
    }
    return out;
  }

  private static boolean asciiLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  /**
   * The signature of a text; a text of fewer than three words is hashed as one shingle. Each
   * shingle's hash is FNV-1a over the UTF-8 of its words, each followed by a space — computed from
   * each word's bytes without building the shingle's string.
   */
  public static int[] signature(String text) {
    List<String> words = words(text);
    byte[][] utf8 = new byte[words.size()][];
    for (int i = 0; i < utf8.length; i++) {
      utf8[i] = words.get(i).getBytes(StandardCharsets.UTF_8);
    }
    int[] sig = new int[SIZE];
    java.util.Arrays.fill(sig, Integer.MAX_VALUE);
    int shingles = Math.max(1, utf8.length - SHINGLE + 1);
    long previous = 0;
    for (int i = 0; i < shingles; i++) {
      long h = FNV_OFFSET;
      for (int k = i; k < Math.min(utf8.length, i + SHINGLE); k++) {
        for (byte c : utf8[k]) {
          h ^= c;
          h *= FNV_PRIME;
        }
        h ^= ' ';
        h *= FNV_PRIME;
      }
      if (i > 0 && h == previous) {
        continue; // a repeated shingle ("the the the") changes no minimum
      }
      previous = h;
      for (int j = 0; j < SIZE; j++) {
        int v = (int) (mix(h ^ SEEDS[j]) >>> 33);
        if (v < sig[j]) {
          sig[j] = v;
        }
      }
    }
    return sig;
  }

  /**
   * The share of positions where two signatures agree: an estimate of the texts' Jaccard
   * similarity.
   */
  public static double similarity(int[] a, int[] b) {
    int same = 0;
    for (int i = 0; i < SIZE; i++) {
      if (a[i] == b[i]) {
        same++;
      }
    }
    return (double) same / SIZE;
  }

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  /** SplitMix64's finaliser: a cheap, well-spread 64-bit mix. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
