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
    String s = nfc(unescape(text)).replace("\r\n", "\n").replace('\r', '\n');
    s = withoutControls(s);
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
    String s = nfc(unescape(text));
    s = withoutControls(s.replace('\n', ' ').replace('\t', ' '));
    return collapse(s);
  }

  /**
   * Text already decoded and with its whitespace collapsed (a page's paragraph) made clean
   * character by character: NFC, control and format characters removed — a soft hyphen (U+00AD)
   * splits a word for the index and for a reader's search, and a zero-width space hides it. Returns
   * the same string when there is nothing to do.
   */
  public static String characters(String text) {
    return withoutControls(nfc(text));
  }

  /**
   * The text up to {@code max} characters, whole when it is no longer: cut at the last paragraph
   * break in the second half of that, else at the last whitespace there (no word is cut in two),
   * trailing whitespace removed.
   */
  public static String lead(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    int cut = text.lastIndexOf("\n\n", max);
    if (cut < max / 2) {
      cut = max;
      while (cut > max / 2 && !Character.isWhitespace(text.charAt(cut))) {
        cut--;
      }
    }
    return text.substring(0, cut).stripTrailing();
  }

  /** Entities decoded; a text without an ampersand has none (the common case, without a copy). */
  private static String unescape(String text) {
    return text.indexOf('&') < 0 ? text : Parser.unescapeEntities(text, false);
  }

  /**
   * The text in Unicode NFC. Every character below U+0300 (where the combining marks begin) is
   * already NFC whatever follows it, so text made only of those is returned as it is, unscanned by
   * the normaliser.
   */
  static String nfc(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= '\u0300') {
        return Normalizer.normalize(text, Normalizer.Form.NFC);
      }
    }
    return text;
  }

  /**
   * The text without control characters but line feeds and tabs, and without format characters but
   * the zero-width joiner (emoji sequences need it): a scan, the regular expression only when there
   * is something to remove.
   */
  static String withoutControls(String text) {
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      if (isRemoved(c)) {
        return CONTROL.matcher(text).replaceAll("");
      }
      i += Character.charCount(c);
    }
    return text;
  }

  private static boolean isRemoved(int c) {
    if (c >= 0x20 && c < 0x7f) {
      return false;
    }
    int type = Character.getType(c);
    return (type == Character.CONTROL && c != '\n' && c != '\t')
        || (type == Character.FORMAT && c != 0x200d);
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
