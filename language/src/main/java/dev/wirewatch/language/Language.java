package dev.wirewatch.language;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;

/**
 * A language Wirewatch knows, as its data file describes it.
 *
 * @param code ISO 639-1 code ({@code fr}), or {@code und} for the language-neutral analysis
 * @param name its English name
 * @param nativeName its name in itself ("Français"); empty for {@code und}
 * @param index how the language-neutral title and text fields hold an article in this language:
 *     words lower-cased and folded as for every language, the language's stop words left out (with
 *     their places kept)
 * @param query how a query is read in this language: {@code index}, then the language's stemmer
 * @param stems the language's own index field, when the language has a stemmer
 * @param tagging how topic queries and articles in this language are analysed for tagging: plurals
 *     folded, nothing dropped
 * @param lowercaseDemonyms whether adjectives of nationality are written in lower case in this
 *     language ("les policiers kényans"), so the place tagger accepts them so written
 */
public record Language(
    String code,
    String name,
    String nativeName,
    Analyzer index,
    Analyzer query,
    Optional<StemField> stems,
    Analyzer tagging,
    boolean lowercaseDemonyms) {
  /** The code of the language-neutral analysis, and of a text whose language is unknown. */
  public static final String UNDETERMINED = "und";

  /** What a language code may be: ISO 639-1 (two letters) or three-letter ISO 639-2/3. */
  public static final Pattern CODE = Pattern.compile("[a-z]{2,3}");

  public Language {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(nativeName, "nativeName");
    Objects.requireNonNull(index, "index");
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(stems, "stems");
    Objects.requireNonNull(tagging, "tagging");
    if (!CODE.matcher(code).matches()) {
      throw new IllegalArgumentException(
          "language code must be 2 or 3 letters, got '" + code + "'");
    }
  }

  /** How people see it: "Français (fr)"; its English name when it has no native one. */
  public String label() {
    return (nativeName.isEmpty() ? name : nativeName) + " (" + code + ")";
  }
}
