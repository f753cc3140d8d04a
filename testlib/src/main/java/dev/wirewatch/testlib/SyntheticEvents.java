package dev.wirewatch.testlib;

/**
 * Made-up news for tests that need many stories: event {@code e} is told with three invented words
 * of its own (two names and a subject), so two events share no word but function words and what the
 * caller adds, and the story engine keeps them apart in whatever order their articles arrive. Each
 * event comes in {@link #WORDINGS} wordings (title and text written differently); the same wording
 * again is a copy. Templated reports that differ only in numbers are, rightly, one story to the
 * engine — which is why tests that count stories use these instead.
 */
public final class SyntheticEvents {
  /** Different wordings of one event; wording {@code w} and {@code w + WORDINGS} are copies. */
  public static final int WORDINGS = 4;

  private static final String[] SYLLABLES = {
    "ka", "ro", "mi", "zu", "te", "lo", "va", "ne", "si", "pu"
  };
  private static final String[] TITLES = {
    "%1$s and %2$s on %3$s",
    "%3$s: %2$s and %1$s",
    "The %3$s of %1$s with %2$s",
    "%2$s, %1$s and the %3$s"
  };
  private static final String[] TEXTS = {
    "Officials of %1$s and %2$s on the %3$s of %1$s.",
    "In %1$s, the %3$s with %2$s: officials at %2$s to %1$s on the %3$s.",
    "%2$s officials and %1$s on %3$s, at %3$s in %2$s.",
    "For %1$s and %2$s, the %3$s of %2$s is to %1$s officials the %3$s."
  };

  private SyntheticEvents() {}

  /** The event's three words: two capitalised names and a subject, unique to the event. */
  public static String[] words(int event) {
    if (event < 0) {
      throw new IllegalArgumentException("event must be >= 0, got " + event);
    }
    StringBuilder a = new StringBuilder();
    StringBuilder b = new StringBuilder();
    String digits = Integer.toString(event);
    for (int i = 0; i < digits.length(); i++) {
      a.append(SYLLABLES[digits.charAt(i) - '0']);
      b.append(SYLLABLES[digits.charAt(digits.length() - 1 - i) - '0']);
    }
    return new String[] {capitalised(a + "vi"), capitalised(b + "ra"), a + "mo"};
  }

  /** The title of event {@code event} in wording {@code wording} (any non-negative number). */
  public static String title(int event, int wording) {
    return String.format(TITLES[wording % WORDINGS], (Object[]) words(event));
  }

  /** The text of event {@code event} in wording {@code wording}; always says "officials". */
  public static String text(int event, int wording) {
    return String.format(TEXTS[wording % WORDINGS], (Object[]) words(event));
  }

  /**
   * A line of the {@code .jsonl} import: {@code {"id", "source", "title", "body"}}, the body the
   * event's text followed by {@code more} (a sentence the caller needs, e.g. for a watch's query;
   * the same sentence in every event's articles). Ids and {@code more} must not need JSON escaping.
   */
  public static String jsonLine(String id, String source, int event, int wording, String more) {
    return "{\"id\":\""
        + id
        + "\",\"source\":\""
        + source
        + "\",\"title\":\""
        + title(event, wording)
        + "\",\"body\":\""
        + text(event, wording)
        + (more.isEmpty() ? "" : " " + more)
        + "\"}";
  }

  private static String capitalised(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
