package dev.wirewatch.processor.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jsoup.parser.Parser;

/**
 * Turns plain text into clean paragraphs: Unicode NFC, control characters removed, whitespace
 * collapsed within paragraphs, and paragraphs found from blank lines and indentation.
 *
 * <p>Hard-wrapped text (wire copy, mail) has lines of a similar, short width; its lines are joined
 * into paragraphs. Text whose lines are long is taken as one paragraph a line.
 */
public final class TextNormalizer {
  /** Lines at most this long in a text with no longer line are taken as hard-wrapped. */
  static final int HARD_WRAP_MAX = 100;

  private static final Pattern CONTROL =
      Pattern.compile("[\\p{Cc}&&[^\\n\\t]]|[\\p{Cf}&&[^\\u200d]]");

  private static final String SENTENCE_END = ".!?:\"\u201d\u00bb)";

  private TextNormalizer() {}

  /** The paragraphs of a text, each normalised and non-empty. */
  public static List<String> paragraphs(String text) {
    // Entities as plain text carries them from HTML sources (&amp;, &#3;), then NFC.
    String s = Parser.unescapeEntities(text, false);
    s = Normalizer.normalize(s, Normalizer.Form.NFC).replace("\r\n", "\n").replace('\r', '\n');
    s = CONTROL.matcher(s).replaceAll("");
    String[] lines = s.split("\n", -1);
    int longest = 0;
    for (String l : lines) {
      longest = Math.max(longest, l.strip().length());
    }
    boolean hardWrapped = longest <= HARD_WRAP_MAX;
    List<String> paragraphs = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean endedSentence = false;
    int last = lines.length - 1;
    while (last >= 0 && lines[last].isBlank()) {
      last--;
    }
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      boolean blank = line.isBlank();
      boolean indented = !blank && (line.startsWith("  ") || line.startsWith("\t"));
      // The last line of wrapped text, of three words at most, is a sign-off ("Reuter"), not prose.
      String stripped = line.strip();
      boolean signOff =
          hardWrapped
              && i == last
              && i > 0
              && !stripped.isEmpty()
              && Character.isUpperCase(stripped.charAt(0))
              && Character.isLetterOrDigit(stripped.charAt(stripped.length() - 1))
              && stripped.split("\\s+").length <= 3;
      if (blank || indented || !hardWrapped || endedSentence || signOff) {
        flush(current, paragraphs);
      }
      if (!blank) {
        if (current.length() > 0) {
          current.append(' ');
        }
        current.append(line);
      }
      // In wrapped text, a line well short of the width that ends a sentence ends its paragraph.
      String t = line.strip();
      endedSentence =
          hardWrapped
              && !t.isEmpty()
              && t.length() < longest * 0.7
              && SENTENCE_END.indexOf(t.charAt(t.length() - 1)) >= 0;
    }
    flush(current, paragraphs);
    return paragraphs;
  }

  /**
   * One line of plain text — a title as a feed or file gives it: entities decoded ({@code TEXACO
   * &lt;TX>} is {@code TEXACO <TX>}), NFC, control characters removed, whitespace collapsed. Done
   * once here, so the index, the API, the feeds and the page all show the same title.
   */
  public static String line(String text) {
    String s = Parser.unescapeEntities(text, false);
    s = Normalizer.normalize(s, Normalizer.Form.NFC);
    s = CONTROL.matcher(s.replace('\n', ' ').replace('\t', ' ')).replaceAll("");
    return collapse(s);
  }

  /** Collapses every run of whitespace (Unicode spaces included) to one space and trims. */
  public static String collapse(String text) {
    StringBuilder out = new StringBuilder(text.length());
    boolean pendingSpace = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (isSpace(c)) {
        pendingSpace = out.length() > 0;
      } else {
        if (pendingSpace) {
          out.append(' ');
          pendingSpace = false;
        }
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * Whether a character is whitespace to collapse: ASCII controls and space, and the Unicode
   * spaces.
   */
  public static boolean isSpace(char c) {
    return c < 128 ? c <= ' ' : isUnicodeSpace(c);
  }

  /**
   * The spaces above ASCII (Unicode Zs, line and paragraph separators, NEL), without a table
   * lookup.
   */
  private static boolean isUnicodeSpace(char c) {
    return c == '\u00a0'
        || c == '\u0085'
        || c == '\u1680'
        || (c >= '\u2000' && c <= '\u200a')
        || c == '\u2028'
        || c == '\u2029'
        || c == '\u202f'
        || c == '\u205f'
        || c == '\u3000';
  }

  private static void flush(StringBuilder current, List<String> paragraphs) {
    if (current.length() > 0) {
      String p = collapse(current.toString());
      if (!p.isEmpty()) {
        paragraphs.add(p);
      }
      current.setLength(0);
    }
  }
}
