package dev.wirewatch.ingest.source;

import dev.wirewatch.schemas.InvalidSettingException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in settings: {@code 30s}, {@code 15m}, {@code 2h}, {@code 1d}. */
public final class Durations {
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(s|m|h|d)");

  private Durations() {}

  /** Parses a duration; a malformed one is an {@link InvalidSettingException} of {@code key}. */
  public static Duration parse(String text, String key) {
    Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new InvalidSettingException(
          key, "'" + text + "' is not a duration such as 30s, 15m, 2h or 1d");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }
}
