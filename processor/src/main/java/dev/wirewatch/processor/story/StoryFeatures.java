package dev.wirewatch.processor.story;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What an article says, as weighted terms for grouping articles into stories: the words of the
 * title, then of the lead (the start of the text, where news states what happened), and the
 * countries the article is about. Words that name something — capitalised inside a sentence, or
 * written in capitals — count more than others; function words do not count at all (the stop lists
 * of {@code stopwords-<lang>.txt}). Words are lower-cased, possessives and plurals folded. How rare
 * a term is in the stream is not known here: {@link EventStories} weighs by that.
 *
 * @param terms the distinct terms, in order of first appearance
 * @param weights each term's weight (its occurrences, weighted by where and how it was written)
 * @param withText whether the article's text spoke besides its title (not a headline-only item)
 */
public record StoryFeatures(String[] terms, float[] weights, boolean withText) {
  /** Weight of an ordinary word of the title. */
  static final float TITLE = 1f;

  /** Weight of an ordinary word of the lead: the title says what happened most concisely. */
  static final float LEAD = 0.5f;

  /** Factor of a word that names something (a person, an organisation, a place). */
  static final float NAME = 1.5f;

  /** Weight of a country the article is about (from the place tagger). */
  static final float PLACE = 0.5f;

  /** Words of the text read as its lead, at most. */
  static final int LEAD_WORDS = 40;

  /** Languages whose stop lists ship ({@code stopwords-<lang>.txt} beside this class). */
  static final List<String> STOP_LANGUAGES = List.of("en");

  private static final Set<String> STOP = loadStopWords();

  /** No terms: an article with no words to go by. */
  public static final StoryFeatures EMPTY = new StoryFeatures(new String[0], new float[0], false);

  /**
   * The features of an article.
   *
   * @param title its title, or null
   * @param text its text, or null; when it only repeats the title (a headline-only item), the title
   *     alone speaks
   * @param places ISO codes of the countries it is about (may be empty)
   */
  public static StoryFeatures of(String title, String text, List<String> places) {
    Map<String, float[]> acc = new LinkedHashMap<>();
    String t = title == null ? "" : title.strip();
    add(acc, t, TITLE, Integer.MAX_VALUE);
    boolean withText = false;
    if (text != null && !text.isBlank() && !text.strip().equals(t)) {
      String lead = text.strip();
      if (!t.isEmpty() && lead.startsWith(t)) {
        lead = lead.substring(t.length());
      }
      int before = acc.size();
      add(acc, lead, LEAD, LEAD_WORDS);
      withText = acc.size() > before || !lead.isBlank();
    }
    if (places != null) {
      for (String p : places) {
        acc.computeIfAbsent("@" + p.toLowerCase(Locale.ROOT), k -> new float[1])[0] += PLACE;
      }
    }
    String[] terms = new String[acc.size()];
    float[] weights = new float[acc.size()];
    int i = 0;
    for (Map.Entry<String, float[]> e : acc.entrySet()) {
      terms[i] = e.getKey();
      weights[i] = e.getValue()[0];
      i++;
    }
    return new StoryFeatures(terms, weights, withText);
  }

  /** Whether there is nothing to go by. */
  public boolean isEmpty() {
    return terms.length == 0;
  }

  /** The sum of the weights. */
  public float total() {
    float s = 0;
    for (float w : weights) {
      s += w;
    }
    return s;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoryFeatures f
        && withText == f.withText
        && Arrays.equals(terms, f.terms)
        && Arrays.equals(weights, f.weights);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(terms) + Arrays.hashCode(weights)) + (withText ? 1 : 0);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("StoryFeatures[");
    for (int i = 0; i < terms.length; i++) {
      b.append(i == 0 ? "" : ", ").append(terms[i]).append('=').append(weights[i]);
    }
    return b.append(']').toString();
  }

  /**
   * Adds the words of {@code s}, at most {@code maxWords} of them (counting every word, stop words
   * too). Capitals mark a name only where the text also has lower case: a title set in capitals
   * says nothing about names.
   */
  private static void add(Map<String, float[]> acc, String s, float weight, int maxWords) {
    boolean mixedCase = hasLowerCase(s);
    int n = s.length();
    int i = 0;
    int words = 0;
    boolean sentenceStart = true;
    StringBuilder word = new StringBuilder(24);
    while (i < n && words < maxWords) {
      char c = s.charAt(i);
      if (!Character.isLetterOrDigit(c)) {
        if (c == '.' || c == '!' || c == '?' || c == ':' || c == '\n') {
          sentenceStart = true;
        }
        i++;
        continue;
      }
      // a word: letters and digits, with ' ’ . & inside it (U.S., S&P, Kenya's)
      int start = i;
      word.setLength(0);
      boolean capital = Character.isUpperCase(c);
      boolean allCaps = true;
      int letters = 0;
      while (i < n) {
        char d = s.charAt(i);
        if (Character.isLetterOrDigit(d)) {
          word.append(Character.toLowerCase(d));
          if (Character.isLetter(d)) {
            letters++;
            allCaps &= Character.isUpperCase(d);
          }
          i++;
        } else if ((d == '\'' || d == '’' || d == '.' || d == '&')
            && i + 1 < n
            && Character.isLetterOrDigit(s.charAt(i + 1))) {
          if (d == '&') {
            word.append('&');
          } else if (d != '.') {
            word.append('\'');
          }
          i++;
        } else {
          break;
        }
      }
      words++;
      String term = fold(word);
      boolean named = mixedCase && !sentenceStart && (capital || (allCaps && letters > 1));
      sentenceStart = false;
      if (term == null || i - start < 2) {
        continue;
      }
      acc.computeIfAbsent(term, k -> new float[1])[0] += named ? weight * NAME : weight;
    }
  }

  /** The word folded to its term, or null when it says nothing (a stop word, a number). */
  private static String fold(StringBuilder word) {
    int len = word.length();
    if (len >= 2 && word.charAt(len - 2) == '\'' && word.charAt(len - 1) == 's') {
      word.setLength(len - 2); // possessive
    }
    int apostrophe;
    while ((apostrophe = word.indexOf("'")) >= 0) {
      word.deleteCharAt(apostrophe);
    }
    len = word.length();
    if (len < 2) {
      return null;
    }
    boolean digits = true;
    for (int k = 0; k < len && digits; k++) {
      digits = Character.isDigit(word.charAt(k));
    }
    if (digits) {
      return null;
    }
    String w = word.toString();
    if (STOP.contains(w)) {
      return null;
    }
    return plural(w);
  }

  /** English plurals folded: policies → policy, talks → talk (not: press, bus, crisis). */
  private static String plural(String w) {
    int len = w.length();
    if (len > 4 && w.endsWith("ies")) {
      return w.substring(0, len - 3) + "y";
    }
    if (len > 3
        && w.charAt(len - 1) == 's'
        && !w.endsWith("ss")
        && !w.endsWith("us")
        && !w.endsWith("is")) {
      return w.substring(0, len - 1);
    }
    return w;
  }

  private static boolean hasLowerCase(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isLowerCase(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static Set<String> loadStopWords() {
    Set<String> out = new HashSet<>();
    for (String lang : STOP_LANGUAGES) {
      String name = "stopwords-" + lang + ".txt";
      try (InputStream in = StoryFeatures.class.getResourceAsStream(name)) {
        if (in == null) {
          throw new IllegalStateException("stop list " + name + " is missing from the classpath");
        }
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line; (line = r.readLine()) != null; ) {
          String w = line.strip();
          if (!w.isEmpty() && !w.startsWith("#")) {
            out.add(w.toLowerCase(Locale.ROOT));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read stop list " + name, e);
      }
    }
    return Set.copyOf(out);
  }
}
