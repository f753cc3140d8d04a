package dev.wirewatch.processor.lang;

import com.optimaize.langdetect.DetectedLanguage;
import com.optimaize.langdetect.LanguageDetector;
import com.optimaize.langdetect.LanguageDetectorBuilder;
import com.optimaize.langdetect.i18n.LdLocale;
import com.optimaize.langdetect.ngram.NgramExtractors;
import com.optimaize.langdetect.profiles.LanguageProfile;
import com.optimaize.langdetect.profiles.LanguageProfileReader;
import com.optimaize.langdetect.text.RemoveMinorityScriptsTextFilter;
import com.optimaize.langdetect.text.TextFilter;
import com.optimaize.langdetect.text.TextObject;
import com.optimaize.langdetect.text.TextObjectFactory;
import com.optimaize.langdetect.text.TextObjectFactoryBuilder;
import com.optimaize.langdetect.text.UrlTextFilter;
import dev.wirewatch.language.Language;
import dev.wirewatch.language.Languages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Detects the language of article text with Optimaize's n-gram detector (the 71 languages of its
 * built-in profiles, Haitian Creole and Swahili among them). The detector answers as a share of its
 * random trials; the majority wins — except that a language Wirewatch knows (its language data)
 * that a good share of the trials chose wins over one it does not: a short Portuguese item is not
 * Galician, a short Creole one not some other creole, unless the trials clearly say so. A text of
 * several languages, none of which wins over the whole, is the language of most of its paragraphs,
 * by length. Loading the profiles takes a moment: build one instance per application and share it;
 * it is thread-safe.
 */
public final class LanguageDetection {
  /**
   * Characters of text looked at: the start of an article is enough, and keeps detection cheap. The
   * detector makes a string of every one-, two- and three-letter gram of what it is given before
   * sampling a few hundred of them, so its cost grows with the sample: 1,000 characters detect in
   * half the time of 2,000 ({@code bench micro StageBenchmarks.detectLanguage}), and gave the same
   * language as 2,000 on all but 2 of 810 real article texts in 16 languages (the same 2 as 1,500
   * did: pages whose start is in another language than the rest); 700 changed 7.
   */
  public static final int SAMPLE_CHARS = 1_000;

  /**
   * Least probability for an answer: the share of the detector's trials that agree. Below it the
   * text is looked at paragraph by paragraph.
   */
  public static final double MIN_PROBABILITY = 0.5;

  /**
   * How sure the detector must be of a language Wirewatch does not know for the known languages not
   * to be asked: a close neighbour (Galician for Portuguese) takes many trials of a short text, but
   * a text really in another language takes nearly all.
   */
  static final double SURE = 0.9;

  private final List<String> known;

  /** Texts shorter than this are not classified: too little evidence. */
  public static final int MIN_CHARS = 40;

  /**
   * The built-in languages by the script they are written in (the script of most letters of their
   * profile's grams; Japanese kana count as Han): a text is only compared with the languages of its
   * own script. Optimaize keeps a probability per language for every gram it knows, so one detector
   * of all 71 languages holds 114,000 grams × 71 doubles — 63 MB of heap, a quarter of a 256 MB
   * demo. The Latin-script languages (41) have 32,000 grams: 11 MB; the other scripts' detectors
   * are built when a text of theirs first comes.
   */
  private final Map<Character.UnicodeScript, List<LdLocale>> languagesByScript;

  /** Per script, the detectors of its languages, built on first use. */
  private final Map<Character.UnicodeScript, Detectors> detectors = new ConcurrentHashMap<>();

  /**
   * A script's detectors: of all its languages, and of those Wirewatch knows (null when there are
   * none, or they are all the script's languages).
   */
  private record Detectors(LanguageDetector all, LanguageDetector knownOnly) {}

  /**
   * Optimaize's filters for large text (URLs and e-mail addresses out, then the minority scripts),
   * each skipped when a scan shows it has nothing to do: the two cost as much as detection itself
   * on an article of one script without a URL, which is nearly every article.
   */
  private final TextObjectFactory texts =
      new TextObjectFactoryBuilder()
          .maxTextLength(10_000)
          .withTextFilter(LanguageDetection::withoutUrls)
          .withTextFilter(LanguageDetection::withoutMinorityScripts)
          .build();

  private static final TextFilter URLS = UrlTextFilter.getInstance();
  private static final TextFilter MINORITY_SCRIPTS =
      RemoveMinorityScriptsTextFilter.forThreshold(0.3);

  /**
   * Optimaize's URL filter, only where one of its patterns ({@code http://…}, {@code name@host})
   * could match.
   */
  static String withoutUrls(CharSequence text) {
    String s = text.toString();
    return s.indexOf('@') >= 0 || s.contains("http") ? URLS.filter(s) : s;
  }

  /**
   * Optimaize's minority-script filter, only where the text may hold two scripts: below U+0250 and
   * in the general punctuation block every letter is Latin and the rest is common to all scripts,
   * which the filter does not count, so it would return such a text unchanged.
   */
  static String withoutMinorityScripts(CharSequence text) {
    String s = text.toString();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '\u0250' && (c < '\u2000' || c > '\u206f')) {
        return MINORITY_SCRIPTS.filter(s);
      }
    }
    return s;
  }

  /** A detector favouring the languages Wirewatch ships. */
  public LanguageDetection() {
    this(Languages.bundled().specific().stream().map(Language::code).toList());
  }

  /** A detector favouring the given languages (ISO 639-1 codes). */
  public LanguageDetection(List<String> known) {
    this.known = List.copyOf(known);
    List<LanguageProfile> all;
    try {
      all = new LanguageProfileReader().readAllBuiltIn();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load the language profiles", e);
    }
    Map<Character.UnicodeScript, List<LdLocale>> byScript =
        new EnumMap<>(Character.UnicodeScript.class);
    for (LanguageProfile p : all) {
      byScript.computeIfAbsent(scriptOf(p), s -> new ArrayList<>()).add(p.getLocale());
    }
    byScript.replaceAll((s, locales) -> List.copyOf(locales));
    this.languagesByScript = byScript;
    // The script of nearly every article is built now, from the profiles already read
    detectors.put(
        Character.UnicodeScript.LATIN,
        detectorsOf(
            all.stream()
                .filter(p -> byScript.get(Character.UnicodeScript.LATIN).contains(p.getLocale()))
                .toList()));
  }

  /** The script most letters of a profile's grams are written in. */
  private static Character.UnicodeScript scriptOf(LanguageProfile profile) {
    Map<Character.UnicodeScript, Integer> letters = new EnumMap<>(Character.UnicodeScript.class);
    for (int n = 1; n <= 3; n++) {
      for (Map.Entry<String, Integer> gram : profile.iterateGrams(n)) {
        String g = gram.getKey();
        for (int i = 0; i < g.length(); i++) {
          Character.UnicodeScript script = letterScript(g.charAt(i));
          if (script != null) {
            letters.merge(script, 1, Integer::sum);
          }
        }
      }
    }
    return letters.entrySet().stream()
        .max(Map.Entry.comparingByValue())
        .map(Map.Entry::getKey)
        .orElse(Character.UnicodeScript.COMMON);
  }

  /** A letter's script, Japanese kana counted as Han; null for what is not a letter. */
  private static Character.UnicodeScript letterScript(char c) {
    if (!Character.isLetter(c)) {
      return null;
    }
    Character.UnicodeScript script = Character.UnicodeScript.of(c);
    return script == Character.UnicodeScript.HIRAGANA || script == Character.UnicodeScript.KATAKANA
        ? Character.UnicodeScript.HAN
        : script;
  }

  /** The script of most of the text's letters (it has letters: it is at least MIN_CHARS long). */
  private static Character.UnicodeScript scriptOf(CharSequence text) {
    int[] counts = new int[Character.UnicodeScript.values().length];
    Character.UnicodeScript best = Character.UnicodeScript.COMMON;
    int most = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      // Below U+0250 every letter is Latin: no lookup for nearly every character of an article
      Character.UnicodeScript script =
          c < '\u0250'
              ? (Character.isLetter(c) ? Character.UnicodeScript.LATIN : null)
              : letterScript(c);
      if (script != null && ++counts[script.ordinal()] > most) {
        most = counts[script.ordinal()];
        best = script;
      }
    }
    return best;
  }

  private Detectors detectorsOf(List<LanguageProfile> profiles) {
    LanguageDetector all =
        LanguageDetectorBuilder.create(NgramExtractors.standard()).withProfiles(profiles).build();
    List<LanguageProfile> ours =
        profiles.stream().filter(p -> known.contains(p.getLocale().getLanguage())).toList();
    LanguageDetector knownOnly =
        ours.isEmpty() || ours.size() == profiles.size()
            ? null
            : LanguageDetectorBuilder.create(NgramExtractors.standard()).withProfiles(ours).build();
    return new Detectors(all, knownOnly);
  }

  /** The detectors for a script's languages; null when no built-in language is written in it. */
  private Detectors detectorsFor(Character.UnicodeScript script) {
    List<LdLocale> locales = languagesByScript.get(script);
    if (locales == null) {
      return null;
    }
    return detectors.computeIfAbsent(
        script,
        s -> {
          try {
            return detectorsOf(new LanguageProfileReader().readBuiltIn(locales));
          } catch (IOException e) {
            throw new UncheckedIOException("cannot load the language profiles of " + s, e);
          }
        });
  }

  /** The code of a text whose language is not known. */
  public static final String UNDETERMINED = "und";

  /** A language tag's primary subtag, lower case ("fr-HT" is fr); null when it is not one. */
  public static String primary(String tag) {
    if (tag == null) {
      return null;
    }
    String p = tag.strip().split("[-_]", 2)[0].toLowerCase(java.util.Locale.ROOT);
    return p.matches("[a-z]{2,3}") ? p : null;
  }

  /**
   * An article's language: what the page declares (its primary subtag: "fr-HT" is fr), else what
   * its title and text are written in, else the source's hint, else {@link #UNDETERMINED}.
   */
  public String decide(String declared, String title, String text, String hint) {
    String d = primary(declared);
    if (d != null) {
      return d;
    }
    String start =
        text != null && text.length() > SAMPLE_CHARS ? text.substring(0, SAMPLE_CHARS) : text;
    String sample = title == null || title.isBlank() ? start : title + "\n\n" + start;
    return detect(sample)
        .or(() -> java.util.Optional.ofNullable(primary(hint)))
        .orElse(UNDETERMINED);
  }

  /** The ISO 639-1 code of the text's language, when it is clear. */
  public Optional<String> detect(String text) {
    if (text == null || text.length() < MIN_CHARS) {
      return Optional.empty();
    }
    String sample = text.length() > SAMPLE_CHARS ? text.substring(0, SAMPLE_CHARS) : text;
    Optional<String> whole = clear(sample);
    return whole.isPresent() ? whole : byParagraphs(sample);
  }

  /**
   * The language most trials agree on, if a majority does; a known language the known-only detector
   * is sure of before an unknown one the full detector is not sure of.
   */
  private Optional<String> clear(String text) {
    TextObject filtered = texts.forText(text);
    Detectors d = detectorsFor(scriptOf(filtered));
    if (d == null) {
      return Optional.empty();
    }
    List<DetectedLanguage> found = d.all().getProbabilities(filtered);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    String top = found.get(0).getLocale().getLanguage();
    double p = found.get(0).getProbability();
    if (!known.contains(top) && p < SURE && d.knownOnly() != null) {
      List<DetectedLanguage> ours = d.knownOnly().getProbabilities(filtered);
      if (!ours.isEmpty() && ours.get(0).getProbability() >= SURE) {
        return Optional.of(ours.get(0).getLocale().getLanguage());
      }
    }
    return p >= MIN_PROBABILITY ? Optional.of(top) : Optional.empty();
  }

  /**
   * The language of most of the text: each paragraph long enough is detected on its own, and the
   * language with more than half of the characters so classified wins.
   */
  private Optional<String> byParagraphs(String text) {
    Map<String, Integer> chars = new HashMap<>();
    int total = 0;
    for (String paragraph : text.split("\\n\\s*\\n|\\n")) {
      String p = paragraph.strip();
      if (p.length() < MIN_CHARS) {
        continue;
      }
      Optional<String> lang = clear(p);
      if (lang.isPresent()) {
        chars.merge(lang.get(), p.length(), Integer::sum);
        total += p.length();
      }
    }
    int classified = total;
    return chars.entrySet().stream()
        .filter(e -> e.getValue() * 2 > classified)
        .map(Map.Entry::getKey)
        .findFirst();
  }
}
