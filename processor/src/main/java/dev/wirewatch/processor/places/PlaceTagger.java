package dev.wirewatch.processor.places;

import dev.wirewatch.language.Language;
import dev.wirewatch.language.Languages;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tags an article with the countries it is about (ISO 3166-1 alpha-2 codes), from the place names
 * it mentions. A mention scores its kind's weight (a country's name more than a city's), more in
 * the title, and most as the dateline's place; a country is tagged when its score reaches an
 * absolute floor and a share of the leading country's, so a passing mention does not make an
 * article "about" a country.
 *
 * <p>Languages: a name that belongs to some languages only (the gazetteer says which) counts only
 * in articles of those; where a language writes adjectives of nationality in lower case ("les
 * policiers kényans"), a lower-case demonym counts too. Names match accent-insensitively; a word
 * the name writes with a capital must be written with one (a word of four letters or more), so
 * "République dominicaine" matches as written and "turkey" is not Turkey. Thread-safe.
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

  /** A dateline opening a text: "NAIROBI, March 3 (Reuters) -", "PORT-AU-PRINCE, Haiti —". */
  private static final Pattern DATELINE =
      Pattern.compile(
          "^\\s*(\\p{Lu}[\\p{Lu}\\p{M} .'’-]{2,40}(?:,\\s*\\p{L}[\\p{L}. '’-]{1,30}?)?)\\s*(?:,\\s*\\p{L}{3,9}\\.?\\s+\\d{1,2})?"
              + "\\s*(?:\\([^)]{1,30}\\))?\\s*[-–—]");

  private final Gazetteer gazetteer;
  private final Rules rules;
  private final Predicate<String> lowercaseDemonyms;

  /**
   * @param lowercaseDemonyms whether a language (ISO 639-1 code) writes demonyms in lower case
   */
  public PlaceTagger(Gazetteer gazetteer, Rules rules, Predicate<String> lowercaseDemonyms) {
    this.gazetteer = gazetteer;
    this.rules = rules;
    this.lowercaseDemonyms = lowercaseDemonyms;
  }

  /** A tagger with the bundled languages' conventions. */
  public PlaceTagger(Gazetteer gazetteer, Rules rules) {
    this(gazetteer, rules, PlaceTagger::lowercaseDemonymsOfBundled);
  }

  public PlaceTagger(Gazetteer gazetteer) {
    this(gazetteer, Rules.DEFAULT);
  }

  private static boolean lowercaseDemonymsOfBundled(String language) {
    return Languages.bundled().get(language).map(Language::lowercaseDemonyms).orElse(false);
  }

  /**
   * The countries an article in an unknown language is about (names of any language only), most
   * mentioned first. Dateline may be null (then looked for at the start of the text).
   */
  public List<String> tag(String title, String dateline, String text) {
    return tag(title, dateline, text, null);
  }

  /**
   * The countries the article is about, most mentioned first.
   *
   * @param language the article's language (ISO 639-1), or null when unknown
   */
  public List<String> tag(String title, String dateline, String text, String language) {
    return score(title, dateline, text, language).stream().map(Scored::country).toList();
  }

  /** The countries an article in an unknown language is about, with their scores. */
  public List<Scored> score(String title, String dateline, String text) {
    return score(title, dateline, text, null);
  }

  /** The countries the article is about with their scores, highest first. */
  public List<Scored> score(String title, String dateline, String text, String language) {
    Lang lang = new Lang(language, language != null && lowercaseDemonyms.test(language));
    Map<String, Double> scores = new HashMap<>();
    String body = text == null ? "" : text;
    String line = dateline;
    if (line == null || line.isBlank()) {
      Matcher m = DATELINE.matcher(body);
      line = m.lookingAt() ? m.group(1) : null;
    }
    if (line != null) {
      String country = datelineCountry(line, language);
      if (country != null) {
        scores.merge(country, rules.datelineScore(), Double::sum);
      }
    }
    if (title != null) {
      mentions(title, rules.titleWeight(), Integer.MAX_VALUE, 1, scores, lang);
    }
    mentions(body, rules.leadWeight(), rules.leadChars(), 1, scores, lang);
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

  /** An article's language, and whether it writes demonyms in lower case. */
  private record Lang(String code, boolean lowercaseDemonyms) {}

  /** The country of a dateline: its last part that names a place ("PORTLAND, Ore." is Oregon's). */
  String datelineCountry(String dateline) {
    return datelineCountry(dateline, null);
  }

  private String datelineCountry(String dateline, String language) {
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
      String best = strongest(entries, language);
      if (best != null) {
        return best;
      }
    }
    return null;
  }

  /**
   * Adds the weight of every place name in the text to its country; the first {@code leadChars}
   * characters weigh {@code leadWeight} times, the rest {@code restWeight}. From each word that may
   * begin a name, the names' trie is walked word by word; the longest run that is a name written as
   * the name (and in the article's language) counts, and the scan goes on after it.
   */
  private void mentions(
      String text,
      double leadWeight,
      int leadChars,
      double restWeight,
      Map<String, Double> scores,
      Lang lang) {
    Words words = Words.of(text);
    int size = words.size();
    int max = gazetteer.maxWords();
    Gazetteer.Node[] exactNodes = new Gazetteer.Node[max + 1];
    Gazetteer.Node[] bareNodes = new Gazetteer.Node[max + 1];
    for (int i = 0; i < size; ) {
      int matched = 0;
      boolean lower = !words.capitalised(i);
      if (lower && !lang.lowercaseDemonyms()) {
        i++; // names begin with a capital, but for lower-case demonyms
        continue;
      }
      // Walk the trie: exactNodes[n] is the name of words i..i+n-1 as written, bareNodes[n] the
      // same with the last word's final dot dropped ("Kenya." ends a sentence).
      int deepest = 0;
      Gazetteer.Node node = gazetteer.names();
      for (int n = 1; n <= (lower ? 1 : Math.min(max, size - i)) && node != null; n++) {
        String w = words.word(i + n - 1);
        Gazetteer.Node exact = node.next(words.key(i + n - 1));
        exactNodes[n] = exact;
        bareNodes[n] =
            w.length() > 1 && w.endsWith(".")
                ? node.next(Gazetteer.key(w.substring(0, w.length() - 1)))
                : null;
        if (exact != null || bareNodes[n] != null) {
          deepest = n;
        }
        node = exact;
      }
      for (int n = deepest; n >= 1 && matched == 0; n--) {
        if (exactNodes[n] == null && bareNodes[n] == null) {
          continue;
        }
        if (!lower && !mayBeName(words, i, n)) {
          continue;
        }
        Gazetteer.Entry e = match(words, i, n, exactNodes[n], bareNodes[n], lang, lower);
        if (e != null) {
          double w = words.start(i) < leadChars ? leadWeight : restWeight;
          scores.merge(e.country(), w * e.kind().weight, Double::sum);
          matched = n;
        }
      }
      i += Math.max(1, matched);
    }
  }

  /**
   * The words of a text as the place tagger reads them: letters with inner hyphens, apostrophes or
   * dots (Port-au-Prince, U.S.), a final dot kept; an elided article and a possessive dropped
   * ("d'Haïti" is Haïti, "Kenya's" Kenya). Found by a scan, not a regular expression, and each
   * word's lookup key made once.
   */
  static final class Words {
    private final String text;
    private int[] starts = new int[64];
    private int[] ends = new int[64];
    private int size;
    private String[] words;
    private String[] keys;

    private Words(String text) {
      this.text = text;
    }

    static Words of(String text) {
      Words out = new Words(text);
      int n = text.length();
      int i = 0;
      while (i < n) {
        char ch = text.charAt(i);
        if (ch < 0x80 && !asciiLetter(ch)) {
          i++; // most characters between words: spaces, digits, punctuation
          continue;
        }
        int c = text.codePointAt(i);
        if (!Character.isLetter(c)) {
          i += Character.charCount(c);
          continue;
        }
        int start = i;
        i += Character.charCount(c);
        while (true) {
          while (i < n) {
            char a = text.charAt(i);
            if (a < 0x80) {
              if (asciiLetter(a) || a == '\'') {
                i++;
                continue;
              }
              break;
            }
            int d = text.codePointAt(i);
            if (Character.isLetter(d) || isMark(d) || d == '\'' || d == '’') {
              i += Character.charCount(d);
            } else {
              break;
            }
          }
          if (i + 1 < n
              && (text.charAt(i) == '-' || text.charAt(i) == '.')
              && Character.isLetter(text.codePointAt(i + 1))) {
            i += 1 + Character.charCount(text.codePointAt(i + 1));
            continue;
          }
          break;
        }
        if (i < n && text.charAt(i) == '.') {
          i++;
        }
        out.add(start, i);
      }
      out.words = new String[out.size];
      out.keys = new String[out.size];
      return out;
    }

    private void add(int start, int end) {
      if (size == starts.length) {
        starts = java.util.Arrays.copyOf(starts, size * 2);
        ends = java.util.Arrays.copyOf(ends, size * 2);
      }
      starts[size] = start;
      ends[size] = end;
      size++;
    }

    private static boolean asciiLetter(char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isMark(int c) {
      int t = Character.getType(c);
      return t == Character.NON_SPACING_MARK
          || t == Character.ENCLOSING_MARK
          || t == Character.COMBINING_SPACING_MARK;
    }

    int size() {
      return size;
    }

    /**
     * Whether the word, its elided article dropped, begins with a capital — without making it a
     * string: most words of a text are not, and are never looked at again.
     */
    boolean capitalised(int i) {
      char first = text.charAt(starts[i]);
      if (Character.isUpperCase(first)) {
        return true;
      }
      if (!Character.isLowerCase(first)) {
        return false;
      }
      return Character.isUpperCase(word(i).charAt(0)); // "d'Haïti"
    }

    /** The word as the tagger reads it (elision and possessive dropped), made when first asked. */
    String word(int i) {
      String w = words[i];
      if (w == null) {
        w = withoutPossessive(withoutElision(text.substring(starts[i], ends[i])));
        words[i] = w;
      }
      return w;
    }

    int start(int i) {
      return starts[i];
    }

    /** The word's gazetteer key, made when first asked. */
    String key(int i) {
      String k = keys[i];
      if (k == null) {
        k = Gazetteer.key(word(i));
        keys[i] = k;
      }
      return k;
    }

    /** The words (for tests). */
    List<String> list() {
      List<String> out = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        out.add(word(i));
      }
      return out;
    }
  }

  /**
   * The word without an elided article or preposition before a name: "d'Haïti" is Haïti,
   * "l'Ouganda" Uganda (French, Italian, Catalan) — a few lower-case letters, an apostrophe, a
   * capital.
   */
  static String withoutElision(String w) {
    int n = Math.min(w.length() - 1, 6);
    if (n < 2 || !Character.isLowerCase(w.charAt(0))) {
      return w;
    }
    for (int i = 1; i < n; i++) {
      char c = w.charAt(i);
      if (c == '\'' || c == '’') {
        return Character.isUpperCase(w.charAt(i + 1)) ? w.substring(i + 1) : w;
      }
      if (!Character.isLowerCase(c)) {
        return w;
      }
    }
    return w;
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

  /**
   * The strongest text-kind entry the words name in the article's language, or null; {@code lower}:
   * the words start in lower case, so only a demonym may match. {@code exactNode} and {@code
   * bareNode} are the trie's nodes for the words as written and without the last one's final dot.
   */
  private static Gazetteer.Entry match(
      Words words,
      int i,
      int n,
      Gazetteer.Node exactNode,
      Gazetteer.Node bareNode,
      Lang lang,
      boolean lower) {
    String exact = words.word(i);
    for (int k = 1; k < n; k++) {
      exact = exact + " " + words.word(i + k);
    }
    String bare = exact.endsWith(".") ? exact.substring(0, exact.length() - 1) : exact;
    boolean shouted = allCaps(exact);
    Gazetteer.Entry best =
        exactNode == null ? null : best(exactNode.entries(), exact, bare, shouted, lang, lower);
    if (best == null && !bare.equals(exact) && bareNode != null) {
      best = best(bareNode.entries(), exact, bare, shouted, lang, lower);
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
      List<Gazetteer.Entry> entries,
      String exact,
      String bare,
      boolean shouted,
      Lang lang,
      boolean lower) {
    Gazetteer.Entry best = null;
    for (Gazetteer.Entry e : entries) {
      if (!e.kind().inText || !e.usedIn(lang.code())) {
        continue;
      }
      if (lower ? e.kind() != Gazetteer.Kind.DEMONYM : !writtenAsTheName(exact, e.name())) {
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

  /**
   * Whether the words may be a name, before looking them up: the first is capitalised (checked by
   * the caller), and every later word of four letters or more is capitalised or a word some name
   * writes in lower case ("dominicaine").
   */
  private boolean mayBeName(Words words, int i, int n) {
    for (int k = 1; k < n; k++) {
      String w = words.word(i + k);
      if (w.length() > 3
          && !Character.isUpperCase(w.charAt(0))
          && !gazetteer.isLowerCaseNameWord(w)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the text writes a capital wherever the name does, in words of four letters or more:
   * "République Dominicaine" and "République dominicaine" are the name, "république dominicaine"
   * and "Turkey" written "turkey" are not.
   */
  static boolean writtenAsTheName(String text, String name) {
    String[] t = text.split(" ");
    String[] m = name.split(" ");
    if (t.length != m.length) {
      return Character.isUpperCase(text.charAt(0));
    }
    for (int k = 0; k < t.length; k++) {
      boolean capitalInName = !m[k].isEmpty() && Character.isUpperCase(m[k].charAt(0));
      if ((k == 0 || t[k].length() > 3)
          && capitalInName
          && !Character.isUpperCase(t[k].charAt(0))) {
        return false;
      }
    }
    return true;
  }

  /** The country an entry list most strongly names; in a dateline every kind of name counts. */
  private static String strongest(List<Gazetteer.Entry> entries, String language) {
    Gazetteer.Entry best = null;
    for (Gazetteer.Entry e : entries) {
      if (!e.usedIn(language)) {
        continue;
      }
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
