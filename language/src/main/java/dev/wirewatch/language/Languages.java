package dev.wirewatch.language;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.lucene.analysis.Analyzer;

/**
 * The languages Wirewatch knows, read from data: {@code languages.txt} lists the codes, and each
 * {@code <code>.properties} gives the language's names and analysis chains (Lucene analysis
 * factories by name, {@link AnalysisChains}). Adding a language is adding a file and a line, not
 * code. {@code und}, the language-neutral analysis, is always there. Immutable and thread-safe
 * (Lucene analyzers are).
 */
public final class Languages {
  static final String DIR = "dev/wirewatch/language/";

  private final Map<String, Language> byCode;
  private final List<String> order;

  private Languages(Map<String, Language> byCode, List<String> order) {
    this.byCode = byCode;
    this.order = order;
  }

  /** The languages that ship with Wirewatch. */
  public static Languages bundled() {
    return Holder.BUNDLED;
  }

  /** Loaded once: analyzers are thread-safe, and building them reads resources. */
  private static final class Holder {
    static final Languages BUNDLED = load(Languages.class.getClassLoader());
  }

  /**
   * Reads {@code languages.txt} and each language's file through the class loader.
   *
   * @throws IllegalStateException naming the file, the key and the problem when a file is wrong
   */
  static Languages load(ClassLoader loader) {
    List<String> codes = lines(loader, DIR + "languages.txt");
    Map<String, Language> map = new LinkedHashMap<>();
    for (String code : codes) {
      if (!Language.CODE.matcher(code).matches()) {
        throw new IllegalStateException(
            DIR + "languages.txt: '" + code + "' is not a language code (2 or 3 letters)");
      }
      if (map.containsKey(code)) {
        throw new IllegalStateException(DIR + "languages.txt: '" + code + "' is listed twice");
      }
      map.put(code, null);
    }
    if (!map.containsKey(Language.UNDETERMINED)) {
      throw new IllegalStateException(
          DIR + "languages.txt must list " + Language.UNDETERMINED + " (the neutral analysis)");
    }
    Properties neutral = properties(loader, Language.UNDETERMINED);
    for (String code : codes) {
      map.put(code, read(loader, code, neutral));
    }
    return new Languages(Map.copyOf(map), List.copyOf(map.keySet()));
  }

  private static Properties properties(ClassLoader loader, String code) {
    String file = DIR + code + ".properties";
    Properties p = new Properties();
    try (InputStream in = loader.getResourceAsStream(file)) {
      if (in == null) {
        throw new IllegalStateException(file + " is missing (" + code + " is in languages.txt)");
      }
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return p;
  }

  private static Language read(ClassLoader loader, String code, Properties neutral) {
    String file = DIR + code + ".properties";
    Properties p = properties(loader, code);
    AnalysisChains chains = new AnalysisChains(loader, file);
    String und = DIR + "und.properties";
    // Every language's words are the neutral words: its stop list comes before the folding (the
    // lists write accents: été, más), its stemmer after (on the words as the index holds them).
    String words = required(neutral, und, "words");
    String fold = required(neutral, und, "fold");
    String stop = p.getProperty("stop", "").strip();
    String stem = p.getProperty("stem", "").strip();
    String indexChain = words + (stop.isEmpty() ? "" : " | " + stop) + " | " + fold;
    Analyzer index = chains.build(stop.isEmpty() ? "words" : "stop", indexChain);
    Analyzer query = stem.isEmpty() ? index : chains.build("stem", indexChain + " | " + stem);
    Optional<StemField> stems = Optional.empty();
    if (!stem.isEmpty()) {
      String own =
          RememberWordFilterFactory.NAME + " | " + stem + " | " + DropUnchangedFilterFactory.NAME;
      stems =
          Optional.of(
              new StemField(
                  chains.build("stem", indexChain + " | " + own),
                  new StemCache(chains.filters("stem", stem))));
    }
    return new Language(
        code,
        required(p, file, "name"),
        p.getProperty("nativeName", "").strip(),
        index,
        query,
        stems,
        chains.build("tagging", required(p, file, "tagging")),
        bool(p, file, "lowercaseDemonyms"));
  }

  private static String required(Properties p, String file, String key) {
    String v = p.getProperty(key);
    if (v == null || v.isBlank()) {
      throw new IllegalStateException(file + ": " + key + ": missing or empty");
    }
    return v.strip();
  }

  private static boolean bool(Properties p, String file, String key) {
    String v = p.getProperty(key, "false").strip();
    return switch (v) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new IllegalStateException(
              file + ": " + key + ": must be true or false, got '" + v + "'");
    };
  }

  private static List<String> lines(ClassLoader loader, String file) {
    try (InputStream in = loader.getResourceAsStream(file)) {
      if (in == null) {
        throw new IllegalStateException(file + " is missing from the classpath");
      }
      List<String> out = new ArrayList<>();
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = r.readLine()) != null; ) {
        String s = line.strip();
        if (!s.isEmpty() && !s.startsWith("#")) {
          out.add(s);
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** The language of a code, if Wirewatch knows it. */
  public Optional<Language> get(String code) {
    return code == null ? Optional.empty() : Optional.ofNullable(byCode.get(code));
  }

  /** Whether Wirewatch knows the language (has analysis for it). */
  public boolean known(String code) {
    return code != null && byCode.containsKey(code);
  }

  /** The language-neutral analysis ({@code und}). */
  public Language neutral() {
    return byCode.get(Language.UNDETERMINED);
  }

  /** The language of a code, or the neutral one when the code is unknown or null. */
  public Language orNeutral(String code) {
    return get(code).orElse(neutral());
  }

  /** Every known language but {@code und}, in the order of {@code languages.txt}. */
  public List<Language> specific() {
    return order.stream().filter(c -> !c.equals(Language.UNDETERMINED)).map(byCode::get).toList();
  }

  /** Every known code, {@code und} included, in the order of {@code languages.txt}. */
  public List<String> codes() {
    return order;
  }

  /**
   * How people see a code: "Français (fr)" for a known language; for another, its name in itself as
   * Java knows it ("Deutsch (de)"); the code itself when nothing knows it.
   */
  public String label(String code) {
    if (code == null) {
      return "";
    }
    return get(code)
        .map(Language::label)
        .orElseGet(
            () -> {
              Locale l = Locale.forLanguageTag(code);
              String name = Language.CODE.matcher(code).matches() ? l.getDisplayLanguage(l) : "";
              return name.isEmpty() || name.equalsIgnoreCase(code)
                  ? code
                  : Character.toUpperCase(name.charAt(0)) + name.substring(1) + " (" + code + ")";
            });
  }

  /** The known codes, for messages: "en, fr, es, …". */
  public String describe() {
    return String.join(", ", codes());
  }
}
