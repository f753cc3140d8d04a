package dev.wirewatch.processor.clean.furniture;

import dev.wirewatch.processor.text.TextNormalizer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What one source's recent articles had in common: for each of its last {@link #WINDOW} articles,
 * the hashes of its lines. A line found in at least {@link #SHARE} of them — and in at least {@link
 * #MIN_SAMPLE} articles — is the source's template (its furniture), not article text.
 *
 * <p>Bounded: at most {@link #WINDOW} articles of at most {@link #MAX_LINES} lines each, 8 bytes a
 * line. An article published again (same id) replaces its earlier entry, so updates of one story
 * cannot make its own text look like a template.
 */
public final class TemplateWindow {
  /** Recent articles remembered per source. */
  public static final int WINDOW = 50;

  /** Articles a source must have in the window before anything is dropped. */
  public static final int MIN_SAMPLE = 10;

  /** Share of the window's articles a line must appear in to be template. */
  public static final double SHARE = 0.5;

  /** Lines remembered per article; longer articles contribute their first lines only. */
  public static final int MAX_LINES = 300;

  /** Lines longer than this many characters are never template: furniture is short. */
  public static final int MAX_LINE_CHARS = 400;

  private record Entry(long articleKey, long[] lines) {}

  private final Deque<Entry> entries = new ArrayDeque<>();

  /** The paragraphs that are not this source's template, in order; all of them when unsure. */
  public List<String> strip(List<String> paragraphs) {
    if (entries.size() < MIN_SAMPLE) {
      return paragraphs;
    }
    Map<Long, Integer> counts = counts();
    int needed = Math.max(MIN_SAMPLE, (int) Math.ceil(entries.size() * SHARE));
    List<String> kept = new ArrayList<>();
    for (String p : paragraphs) {
      Long h = hash(p);
      if (h == null || counts.getOrDefault(h, 0) < needed) {
        kept.add(p);
      }
    }
    // A template that would leave nothing is a story told again, not furniture.
    return kept.isEmpty() ? paragraphs : kept;
  }

  /** Remembers an article's lines, replacing an earlier version of the same article. */
  public void add(String articleId, List<String> paragraphs) {
    long key = articleId.hashCode() * 0x9E3779B97F4A7C15L;
    entries.removeIf(e -> e.articleKey() == key);
    Set<Long> lines = new LinkedHashSet<>();
    for (String p : paragraphs) {
      Long h = hash(p);
      if (h != null) {
        lines.add(h);
        if (lines.size() == MAX_LINES) {
          break;
        }
      }
    }
    entries.addLast(new Entry(key, lines.stream().mapToLong(Long::longValue).toArray()));
    while (entries.size() > WINDOW) {
      entries.removeFirst();
    }
  }

  /** Articles in the window. */
  public int size() {
    return entries.size();
  }

  private Map<Long, Integer> counts() {
    Map<Long, Integer> counts = new HashMap<>();
    for (Entry e : entries) {
      for (long h : e.lines()) {
        counts.merge(h, 1, Integer::sum);
      }
    }
    return counts;
  }

  /** A line's identity: lower-case, digits as 0, whitespace collapsed; null for long lines. */
  static Long hash(String paragraph) {
    if (paragraph.length() > MAX_LINE_CHARS) {
      return null;
    }
    String norm =
        TextNormalizer.collapse(paragraph).toLowerCase(Locale.ROOT).replaceAll("\\d", "0");
    long h = 1125899906842597L;
    for (int i = 0; i < norm.length(); i++) {
      h = 31 * h + norm.charAt(i);
    }
    return h;
  }

  /** Serialises the window (for the state store). */
  public byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(1); // format version
      out.writeInt(entries.size());
      for (Entry e : entries) {
        out.writeLong(e.articleKey());
        out.writeInt(e.lines().length);
        for (long h : e.lines()) {
          out.writeLong(h);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Reads a window written by {@link #toBytes()}; an unreadable one starts afresh. */
  public static TemplateWindow fromBytes(byte[] data) {
    TemplateWindow w = new TemplateWindow();
    if (data == null) {
      return w;
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      if (in.readByte() != 1) {
        return w;
      }
      int n = Math.min(in.readInt(), WINDOW);
      for (int i = 0; i < n; i++) {
        long key = in.readLong();
        int m = in.readInt();
        if (m < 0 || m > MAX_LINES) {
          return new TemplateWindow();
        }
        long[] lines = new long[m];
        for (int j = 0; j < m; j++) {
          lines[j] = in.readLong();
        }
        w.entries.addLast(new Entry(key, lines));
      }
    } catch (IOException e) {
      return new TemplateWindow();
    }
    return w;
  }
}
