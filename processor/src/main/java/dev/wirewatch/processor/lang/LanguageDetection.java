package dev.wirewatch.processor.lang;

import com.optimaize.langdetect.DetectedLanguage;
import com.optimaize.langdetect.LanguageDetector;
import com.optimaize.langdetect.LanguageDetectorBuilder;
import com.optimaize.langdetect.ngram.NgramExtractors;
import com.optimaize.langdetect.profiles.LanguageProfileReader;
import com.optimaize.langdetect.text.CommonTextObjectFactories;
import com.optimaize.langdetect.text.TextObjectFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * Detects the language of article text with Optimaize's n-gram detector (the 71 languages of its
 * built-in profiles). Loading the profiles takes a moment: build one instance per application and
 * share it; it is thread-safe.
 */
public final class LanguageDetection {
  /** Characters of text looked at: the start of an article is enough, and keeps detection cheap. */
  public static final int SAMPLE_CHARS = 2_000;

  /** Least probability for an answer; below it the language is left unknown. */
  public static final double MIN_PROBABILITY = 0.8;

  /** Texts shorter than this are not classified: too little evidence. */
  public static final int MIN_CHARS = 40;

  private final LanguageDetector detector;
  private final TextObjectFactory texts = CommonTextObjectFactories.forDetectingOnLargeText();

  public LanguageDetection() {
    try {
      this.detector =
          LanguageDetectorBuilder.create(NgramExtractors.standard())
              .withProfiles(new LanguageProfileReader().readAllBuiltIn())
              .build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load the language profiles", e);
    }
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

  /** The ISO 639-1 code of the text's language, when it is clear. */
  public Optional<String> detect(String text) {
    if (text == null || text.length() < MIN_CHARS) {
      return Optional.empty();
    }
    String sample = text.length() > SAMPLE_CHARS ? text.substring(0, SAMPLE_CHARS) : text;
    List<DetectedLanguage> found = detector.getProbabilities(texts.forText(sample));
    if (found.isEmpty() || found.get(0).getProbability() < MIN_PROBABILITY) {
      return Optional.empty();
    }
    return Optional.of(found.get(0).getLocale().getLanguage());
  }
}
