package dev.wirewatch.processor.story;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Near-duplicate signatures: MinHash over the word 3-shingles of the start of an article's cleaned
 * text (its first {@value #MAX_WORDS} words: copies of one wire story share their beginning, and
 * the story step must stay cheap however long an article is). Two signatures agree in about as many
 * positions as the two texts' shingle sets overlap (their Jaccard similarity), so copies with
 * different site furniture, a changed headline or a trimmed ending stay close while different
 * stories do not. Stateless; the hash functions are fixed, so signatures stored yesterday compare
 * with today's.
 *
 * <p>Words are lower-case runs of letters and digits, accents removed (NFD decomposition without
 * its marks, character by character). Each word is hashed (FNV-1a over its characters) as it is
 * read, so a text costs no string per word or shingle; a shingle's hash combines its words'.
 */
public final class MinHash {
  /** Hash functions per signature. */
  public static final int SIZE = 64;

  /** Words per shingle. */
  public static final int SHINGLE = 3;

  /** Words of a text read, at most. */
  public static final int MAX_WORDS = 200;

  /**
   * The hash functions: {@code h * A + B} (32-bit arithmetic) of a shingle's well-mixed 32-bit hash
   * {@code h}, for odd multipliers {@code A}: a random permutation each, one multiplication per
   * function, in a loop the JIT turns into vector instructions.
   */
  private static final int[] A = new int[SIZE];

  private static final int[] B = new int[SIZE];

  static {
    long x = 0x9E3779B97F4A7C15L;
    for (int i = 0; i < SIZE; i++) {
      x = mix(x + 0x9E3779B97F4A7C15L);
      A[i] = (int) (x >>> 32) | 1;
      x = mix(x + 0x9E3779B97F4A7C15L);
      B[i] = (int) (x >>> 32);
    }
  }

  /**
   * What the copy check needs of a text.
   *
   * @param signature the MinHash signature of its shingles
   * @param digest a 128-bit digest of its words (hex): texts with the same words have the same
   * @param words how many words were read
   */
  public record Text(int[] signature, String digest, int words) {}

  private MinHash() {}

  /** The signature and digest of a text. */
  public static Text of(String text) {
    long[] words = wordHashes(text);
    long d1 = 0x243F6A8885A308D3L;
    long d2 = 0x13198A2E03707344L;
    for (long w : words) {
      d1 = mix(d1 ^ w) * 0x9E3779B97F4A7C15L;
      d2 = (d2 + w) * 0xC2B2AE3D27D4EB4FL + 0x165667B19E3779F9L;
    }
    String digest =
        java.util.HexFormat.of().toHexDigits(mix(d1))
            + java.util.HexFormat.of().toHexDigits(mix(d2));
    return new Text(signature(words), digest, words.length);
  }

  /** The signature of a text. */
  public static int[] signature(String text) {
    return signature(wordHashes(text));
  }

  /** The words of a text as compared (for tests and tools; the hot path never builds them). */
  public static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    scan(
        text,
        new WordSink() {
          @Override
          void append(char c) {
            word.append(c);
          }

          @Override
          boolean end() {
            out.add(word.toString());
            word.setLength(0);
            return out.size() < MAX_WORDS;
          }
        });
    return out;
  }

  /** The FNV-1a hash of each word (over its UTF-16 characters), the first {@value #MAX_WORDS}. */
  static long[] wordHashes(String text) {
    HashSink sink = new HashSink();
    scan(text, sink);
    return Arrays.copyOf(sink.hashes, sink.count);
  }

  /** Where {@link #scan} puts the characters of each word, and tells of its end. */
  private abstract static class WordSink {
    abstract void append(char c);

    /** A word ended; returns whether to read on. */
    abstract boolean end();
  }

  /** Hashes each word as its characters come. */
  private static final class HashSink extends WordSink {
    long[] hashes = new long[64];
    int count;
    long h = FNV_OFFSET;

    @Override
    void append(char c) {
      h = (h ^ c) * FNV_PRIME;
    }

    @Override
    boolean end() {
      if (count == hashes.length) {
        hashes = Arrays.copyOf(hashes, hashes.length * 2);
      }
      hashes[count++] = h;
      h = FNV_OFFSET;
      return count < MAX_WORDS;
    }
  }

  /** Reads the words of a text into the sink, folding each character as it goes. */
  private static void scan(String text, WordSink sink) {
    int n = text.length();
    boolean inWord = false;
    int i = 0;
    while (i < n) {
      char ch = text.charAt(i);
      if (ch < 0x80) {
        i++;
        if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
          sink.append(ch);
          inWord = true;
        } else if (ch >= 'A' && ch <= 'Z') {
          sink.append((char) (ch + ('a' - 'A')));
          inWord = true;
        } else if (inWord) {
          inWord = false;
          if (!sink.end()) {
            return;
          }
        }
        continue;
      }
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      String folded = fold(c);
      if (folded == null) {
        continue; // a combining mark: dropped, the word goes on
      }
      if (folded.isEmpty()) {
        if (inWord) {
          inWord = false;
          if (!sink.end()) {
            return;
          }
        }
      } else {
        for (int k = 0; k < folded.length(); k++) {
          sink.append(folded.charAt(k));
        }
        inWord = true;
      }
    }
    if (inWord) {
      sink.end();
    }
  }

  /** Folded forms of the characters of the Basic Multilingual Plane, computed when first met. */
  private static final String[] FOLDED = new String[0x10000];

  @SuppressWarnings("StringOperationCanBeSimplified")
  private static final String MARK = new String("mark"); // identity marker, never a folding

  /**
   * A character (not ASCII) as it enters a word: its letters and digits after NFD decomposition
   * without marks, lower-cased; "" when it ends a word; null for a mark, which is dropped.
   */
  private static String fold(int c) {
    String f = c < FOLDED.length ? FOLDED[c] : null;
    if (f == null) {
      f = computeFold(c);
      if (c < FOLDED.length) {
        FOLDED[c] = f; // the same value whichever thread computes it
      }
    }
    return f == MARK ? null : f;
  }

  private static String computeFold(int c) {
    if (isMark(c)) {
      return MARK;
    }
    String nfd = Normalizer.normalize(new String(Character.toChars(c)), Normalizer.Form.NFD);
    StringBuilder b = new StringBuilder(2);
    for (int k = 0; k < nfd.length(); ) {
      int d = nfd.codePointAt(k);
      k += Character.charCount(d);
      if (!isMark(d) && Character.isLetterOrDigit(d)) {
        b.appendCodePoint(Character.toLowerCase(d));
      }
    }
    return b.toString();
  }

  private static boolean isMark(int c) {
    int t = Character.getType(c);
    return t == Character.NON_SPACING_MARK
        || t == Character.COMBINING_SPACING_MARK
        || t == Character.ENCLOSING_MARK;
  }

  /**
   * The signature of a text's word hashes; fewer than three words make one shingle. A shingle's
   * hash combines its words' hashes in order.
   */
  static int[] signature(long[] words) {
    int[] sig = new int[SIZE];
    Arrays.fill(sig, Integer.MAX_VALUE);
    int shingles = Math.max(1, words.length - SHINGLE + 1);
    long previous = 0;
    for (int i = 0; i < shingles; i++) {
      long h = FNV_OFFSET;
      for (int k = i; k < Math.min(words.length, i + SHINGLE); k++) {
        h = (h ^ words[k]) * FNV_PRIME;
      }
      if (i > 0 && h == previous) {
        continue; // a repeated shingle ("the the the") changes no minimum
      }
      previous = h;
      int x = (int) (mix(h) >>> 32);
      for (int j = 0; j < SIZE; j++) {
        sig[j] = Math.min(sig[j], x * A[j] + B[j]);
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

  static final long FNV_OFFSET = 0xcbf29ce484222325L;
  static final long FNV_PRIME = 0x100000001b3L;

  /** SplitMix64's finaliser: a cheap, well-spread 64-bit mix. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
