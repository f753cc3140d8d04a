package dev.wirewatch.ingest.dates;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the publication dates found in imported records, feeds and sitemaps: ISO-8601 (with or
 * without offset, or a bare date, read as UTC), RFC 1123 as in feeds and HTTP, and the wire-service
 * form {@code 26-FEB-1987 15:01:01.79} (UTC).
 */
public final class PublishedDates {
  private static final DateTimeFormatter WIRE =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .appendPattern("d-MMM-yyyy HH:mm:ss")
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
          .optionalEnd()
          .toFormatter(Locale.ROOT);

  private static final List<DateTimeFormatter> LOCAL =
      List.of(DateTimeFormatter.ISO_LOCAL_DATE_TIME, WIRE);

  private PublishedDates() {}

  /** The instant a date text names, or empty when it is none of the forms above. */
  public static Optional<Instant> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String s = text.strip();
    try {
      return Optional.of(OffsetDateTime.parse(s).toInstant());
    } catch (DateTimeParseException e) {
      // next form
    }
    try {
      return Optional.of(ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
    } catch (DateTimeParseException e) {
      // next form
    }
    for (DateTimeFormatter f : LOCAL) {
      try {
        return Optional.of(LocalDateTime.parse(s, f).toInstant(ZoneOffset.UTC));
      } catch (DateTimeParseException e) {
        // next form
      }
    }
    try {
      return Optional.of(LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
