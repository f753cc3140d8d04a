package dev.wirewatch.processor.clean;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

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

  private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\t]]|[\\p{Cf}&&[^\\u200d]]");

  private TextNormalizer() {}

  /** The paragraphs of a text, each normalised and non-empty. */
  public static List<String> paragraphs(String text) {
    String s = Normalizer.normalize(text, Normalizer.Form.NFC).replace("\r\n", "\n").replace('\r', '\n');
    s = CONTROL.matcher(s).replaceAll("");
    String[] lines = s.split("\n", -1);
    int longest = 0;
    for (String l : lines) {
      longest = Math.max(longest, l.strip().length());
    }
    boolean hardWrapped = longest <= HARD_WRAP_MAX;
    List<String> paragraphs = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : lines) {
      boolean blank = line.isBlank();
      boolean indented = !blank && (line.startsWith("  ") || line.startsWith("\t"));
      if (blank || indented || !hardWrapped) {
        flush(current, paragraphs);
      }
      if (!blank) {
        if (current.length() > 0) {
          current.append(' ');
        }
        current.append(line);
      }
    }
    flush(current, paragraphs);
    return paragraphs;
  }

  /** Collapses every run of whitespace (Unicode spaces included) to one space and trims. */
  public static String collapse(String text) {
    StringBuilder out = new StringBuilder(text.length());
    boolean pendingSpace = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean space = c < 128 ? c <= ' ' : isUnicodeSpace(c);
      if (space) {
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

  /** The spaces above ASCII (Unicode Zs, line and paragraph separators, NEL), without a table lookup. */
  private static boolean isUnicodeSpace(char c) {
    return c == '\u00a0' || c == '\u0085' || c == '\u1680' || (c >= '\u2000' && c <= '\u200a')
        || c == '\u2028' || c == '\u2029' || c == '\u202f' || c == '\u205f' || c == '\u3000';
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
