package dev.wirewatch.processor.places;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tags an article with the countries it is about (ISO 3166-1 alpha-2 codes), from the place names
 * it mentions. A mention scores its kind's weight (a country's name more than a city's), more in
 * the title, and most as the dateline's place; a country is tagged when its score reaches an
 * absolute floor and a share of the leading country's, so a passing mention does not make an
 * article "about" a country. Thread-safe.
 */
public final class PlaceTagger {
  /**
   * The tagger's weights and thresholds.
   *
   * @param titleWeight multiplier of a mention in the title
   * @param leadWeight multiplier of a mention in the first {@code leadChars} characters of the text
   * @param leadChars how much of the text is its lead
   * @param datelineScore the score the dateline's place adds to its country
   * @param minScore the score a country needs
   * @param minShare the share of the leading country's score a country needs
   */
  public record Rules(
      double titleWeight,
      double leadWeight,
      int leadChars,
      double datelineScore,
      double minScore,
      double minShare) {
    /** Measured on the Reuters-21578 development set (see PlaceTaggingQualityTest). */
    public static final Rules DEFAULT = new Rules(2.0, 1.5, 400, 3.0, 2.5, 0.2);

    public Rules {
      if (titleWeight < 0
          || leadWeight < 0
          || leadChars < 0
          || datelineScore < 0
          || minScore <= 0
          || minShare < 0
          || minShare > 1) {
        throw new IllegalArgumentException("invalid place tagging rules: " + this);
      }
    }
  }

  /** A country and the score of its mentions. */
  public record Scored(String country, double score) {}

  /**
   * Words: letters with inner hyphens, apostrophes or dots (Port-au-Prince, U.S.), a final dot
   * kept.
   */
  private static final Pattern WORD =
      Pattern.compile("\\p{L}[\\p{L}\\p{M}'’]*(?:[-.]\\p{L}[\\p{L}\\p{M}'’]*)*\\.?");

  /** A dateline opening a text: "NAIROBI, March 3 (Reuters) -", "PORT-AU-PRINCE, Haiti —". */
  private static final Pattern DATELINE =
      Pattern.compile(
          "^\\s*(\\p{Lu}[\\p{Lu}\\p{M} .'’-]{2,40}(?:,\\s*\\p{L}[\\p{L}. '’-]{1,30}?)?)\\s*(?:,\\s*\\p{L}{3,9}\\.?\\s+\\d{1,2})?"
              + "\\s*(?:\\([^)]{1,30}\\))?\\s*[-–—]");

  private final Gazetteer gazetteer;
  private final Rules rules;

  public PlaceTagger(Gazetteer gazetteer, Rules rules) {
    this.gazetteer = gazetteer;
    this.rules = rules;
  }

  public PlaceTagger(Gazetteer gazetteer) {
    this(gazetteer, Rules.DEFAULT);
  }

  /**
   * The countries the article is about, most mentioned first. Dateline may be null (then looked for
   * at the start of the text).
   */
  public List<String> tag(String title, String dateline, String text) {
    return score(title, dateline, text).stream().map(Scored::country).toList();
  }

  /** The countries the article is about with their scores, highest first. */
  public List<Scored> score(String title, String dateline, String text) {
    Map<String, Double> scores = new HashMap<>();
    String body = text == null ? "" : text;
    String line = dateline;
    if (line == null || line.isBlank()) {
      Matcher m = DATELINE.matcher(body);
      line = m.lookingAt() ? m.group(1) : null;
    }
    if (line != null) {
      String country = datelineCountry(line);
      if (country != null) {
        scores.merge(country, rules.datelineScore(), Double::sum);
      }
    }
    if (title != null) {
      mentions(title, rules.titleWeight(), Integer.MAX_VALUE, 1, scores);
    }
    mentions(body, rules.leadWeight(), rules.leadChars(), 1, scores);
    double max = scores.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
    List<Scored> out = new ArrayList<>();
    scores.forEach(
        (c, s) -> {
          if (s >= rules.minScore() && s >= max * rules.minShare()) {
            out.add(new Scored(c, s));
          }
        });
    out.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparing(Scored::country));
    return out;
  }

  /** The country of a dateline: its last part that names a place ("PORTLAND, Ore." is Oregon's). */
  String datelineCountry(String dateline) {
    String[] parts = dateline.split(",");
    for (int i = parts.length - 1; i >= 0; i--) {
      String part = parts[i].trim();
      if (part.isEmpty()) {
        continue;
      }
      List<Gazetteer.Entry> entries = gazetteer.lookup(part);
      if (entries.isEmpty() && part.endsWith(".")) {
        entries = gazetteer.lookup(part.substring(0, part.length() - 1));
      }
      String best = strongest(entries);
      if (best != null) {
        return best;
      }
    }
    return null;
  }

  /**
   * Adds the weight of every place name in the text to its country; the first {@code leadChars}
   * characters weigh {@code leadWeight} times, the rest {@code restWeight}.
   */
  private void mentions(
      String text,
      double leadWeight,
      int leadChars,
      double restWeight,
      Map<String, Double> scores) {
    List<Integer> starts = new ArrayList<>();
    List<String> words = new ArrayList<>();
    Matcher m = WORD.matcher(text);
    while (m.find()) {
      starts.add(m.start());
      words.add(withoutPossessive(m.group())); // Kenya's -> Kenya
    }
    int max = gazetteer.maxWords();
    for (int i = 0; i < words.size(); ) {
      int matched = 0;
      for (int n = Math.min(max, words.size() - i); n >= 1 && matched == 0; n--) {
        if (!capitalised(words, i, n)) {
          continue;
        }
        Gazetteer.Entry e = match(words, i, n);
        if (e != null) {
          double w = starts.get(i) < leadChars ? leadWeight : restWeight;
          scores.merge(e.country(), w * e.kind().weight, Double::sum);
          matched = n;
        }
      }
      i += Math.max(1, matched);
    }
  }

  /**
   * The word without a final possessive ({@code 's}, {@code ’s}) or apostrophe; a regex per word
   * costs too much.
   */
  static String withoutPossessive(String w) {
    int n = w.length();
    if (n >= 2 && (w.charAt(n - 1) == 's') && (w.charAt(n - 2) == '\'' || w.charAt(n - 2) == '’')) {
      return w.substring(0, n - 2);
    }
    if (n >= 1 && (w.charAt(n - 1) == '\'' || w.charAt(n - 1) == '’')) {
      return w.substring(0, n - 1);
    }
    return w;
  }

  /** The strongest text-kind entry the words name, or null. */
  private Gazetteer.Entry match(List<String> words, int i, int n) {
    StringBuilder b = new StringBuilder();
    for (int k = 0; k < n; k++) {
      if (k > 0) {
        b.append(' ');
      }
      b.append(words.get(i + k));
    }
    String exact = b.toString();
    String bare = exact.endsWith(".") ? exact.substring(0, exact.length() - 1) : exact;
    boolean shouted = allCaps(exact);
    Gazetteer.Entry best = best(gazetteer.lookup(exact), exact, bare, shouted);
    if (best == null && !bare.equals(exact)) {
      best = best(gazetteer.lookup(bare), exact, bare, shouted);
    }
    return best;
  }

  /** Whether the text has letters and all of them are capitals (a headline in capitals). */
  private static boolean allCaps(String s) {
    boolean letters = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isLowerCase(c)) {
        return false;
      }
      letters |= Character.isLetter(c);
    }
    return letters;
  }

  private static Gazetteer.Entry best(
      List<Gazetteer.Entry> entries, String exact, String bare, boolean shouted) {
    Gazetteer.Entry best = null;
    for (Gazetteer.Entry e : entries) {
      if (!e.kind().inText) {
        continue;
      }
      if (shouted && (e.kind() == Gazetteer.Kind.CITY || e.kind() == Gazetteer.Kind.REGION)) {
        continue; // in capitals "SALE" or "NEW" look like any name: only countries, peoples and
        // capitals count
      }
      if (e.kind() == Gazetteer.Kind.ABBREVIATION
          && !e.name().equals(exact)
          && !e.name().equals(bare)) {
        continue; // "UK" names a country, "uk" does not
      }
      if (best == null || e.kind().weight > best.kind().weight) {
        best = e;
      }
    }
    return best;
  }

  /** Names are written with capitals: its first word, and every word longer than three letters. */
  private static boolean capitalised(List<String> words, int i, int n) {
    for (int k = 0; k < n; k++) {
      String w = words.get(i + k);
      if ((k == 0 || w.length() > 3) && !Character.isUpperCase(w.charAt(0))) {
        return false;
      }
    }
    return true;
  }

  /** The country an entry list most strongly names; in a dateline every kind of name counts. */
  private static String strongest(List<Gazetteer.Entry> entries) {
    Gazetteer.Entry best = null;
    for (Gazetteer.Entry e : entries) {
      if (best == null || rank(e.kind()) < rank(best.kind())) {
        best = e;
      }
    }
    return best == null ? null : best.country();
  }

  private static int rank(Gazetteer.Kind k) {
    return switch (k) {
      case COUNTRY, ABBREVIATION -> 0;
      case CAPITAL -> 1;
      case REGION -> 2;
      case DEMONYM -> 3;
      case CITY, DATELINE_ONLY -> 4;
    };
  }
}
