package dev.wirewatch.ingest.dates;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.format.SignStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the publication dates found in imported records, feeds and sitemaps, leniently: the forms
 * wire services, feeds and archives write, with the noise they carry.
 *
 * <p>Forms (month names in English, any case; without an offset a time is read as UTC, a bare date
 * as its start):
 *
 * <ul>
 *   <li>ISO-8601: {@code 2026-11-28}, {@code 2026-11-28T09:15:05.40Z}, with a space for the {@code
 *       T}, an offset with or without a colon ({@code +01:00}, {@code +0100}, {@code +01});
 *   <li>RFC 822/1123 as in feeds and HTTP: {@code Sat, 28 Nov 2026 09:15:05 GMT}, two-digit years,
 *       the North American zone names of RFC 822 ({@code EST}, {@code PDT} …);
 *   <li>the wire-service form {@code 3-MAR-1987 09:15:05.40};
 *   <li>written dates: {@code November 28, 2026}, {@code Nov 28, 2026 9:15}, {@code 28 November
 *       2026}; and {@code 2026/11/28}.
 * </ul>
 *
 * <p>Noise tolerated: runs of whitespace, control characters and numeric character references
 * ({@code &#5;}) are read as one space; a leading day name is ignored (feeds often get it wrong); a
 * date followed by an annotation ({@code 27-MAR-1987 00:02:59.13 RM}) is read as the date. What is
 * refused stays undated rather than guessed: a time that is not one ({@code 605:12:19}), a day the
 * month does not have, text that merely contains digits.
 */
public final class PublishedDates {
  private static final Pattern REFERENCE =
      Pattern.compile("&#(?:[0-9]{1,7}|[xX][0-9a-fA-F]{1,6});");
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Zs}\\s]+");
  private static final Pattern DAY_NAME =
      Pattern.compile(
          "^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}\\.?,?\\s+", Pattern.CASE_INSENSITIVE);

  /** A zone name at the end, as RFC 822 allows them. */
  private static final Pattern ZONE_NAME =
      Pattern.compile(
          "\\s*\\b(GMT|UTC|UT|Z|EST|EDT|CST|CDT|MST|MDT|PST|PDT)$", Pattern.CASE_INSENSITIVE);

  private static final Map<String, String> ZONES =
      Map.ofEntries(
          Map.entry("GMT", "+00:00"),
          Map.entry("UTC", "+00:00"),
          Map.entry("UT", "+00:00"),
          Map.entry("Z", "+00:00"),
          Map.entry("EST", "-05:00"),
          Map.entry("EDT", "-04:00"),
          Map.entry("CST", "-06:00"),
          Map.entry("CDT", "-05:00"),
          Map.entry("MST", "-07:00"),
          Map.entry("MDT", "-06:00"),
          Map.entry("PST", "-08:00"),
          Map.entry("PDT", "-07:00"));

  /**
   * What may follow a date as an annotation: not a digit, an offset or a zone it failed to read.
   */
  private static final Pattern ANNOTATION = Pattern.compile("^ (?![0-9+\\-:.]).*");

  private static final List<DateTimeFormatter> FORMS =
      List.of(
          // ISO-8601, T or space, optional time, optional offset
          form(
              b ->
                  b.appendValue(ChronoField.YEAR, 4)
                      .appendLiteral('-')
                      .appendValue(ChronoField.MONTH_OF_YEAR, 2)
                      .appendLiteral('-')
                      .appendValue(ChronoField.DAY_OF_MONTH, 2)
                      .optionalStart()
                      .appendPattern("['T'][' ']")
                      .append(time())
                      .append(offset())
                      .optionalEnd()),
          // 2026/11/28 [09:15[:05]]
          form(
              b ->
                  b.appendValue(ChronoField.YEAR, 4)
                      .appendLiteral('/')
                      .appendValue(ChronoField.MONTH_OF_YEAR, 1, 2, SignStyle.NOT_NEGATIVE)
                      .appendLiteral('/')
                      .appendValue(ChronoField.DAY_OF_MONTH, 1, 2, SignStyle.NOT_NEGATIVE)
                      .optionalStart()
                      .appendLiteral(' ')
                      .append(time())
                      .append(offset())
                      .optionalEnd()),
          // RFC 822/1123: 28 Nov 2026 09:15[:05] [offset]; two-digit years read as 1950–2049
          form(
              b ->
                  b.appendValue(ChronoField.DAY_OF_MONTH, 1, 2, SignStyle.NOT_NEGATIVE)
                      .appendLiteral(' ')
                      .appendPattern("MMM")
                      .appendLiteral(' ')
                      .append(year())
                      .optionalStart()
                      .appendLiteral(' ')
                      .append(time())
                      .append(offset())
                      .optionalEnd()),
          // the wire: 3-MAR-1987 09:15:05.40
          form(
              b ->
                  b.appendValue(ChronoField.DAY_OF_MONTH, 1, 2, SignStyle.NOT_NEGATIVE)
                      .appendLiteral('-')
                      .appendPattern("MMM")
                      .appendLiteral('-')
                      .append(year())
                      .optionalStart()
                      .appendLiteral(' ')
                      .append(time())
                      .append(offset())
                      .optionalEnd()),
          // November 28, 2026 [9:15] and Nov 28, 2026
          form(
              b ->
                  b.appendPattern("[MMMM][MMM]")
                      .optionalStart()
                      .appendLiteral('.')
                      .optionalEnd()
                      .appendLiteral(' ')
                      .appendValue(ChronoField.DAY_OF_MONTH, 1, 2, SignStyle.NOT_NEGATIVE)
                      .appendPattern("[','] ")
                      .appendValue(ChronoField.YEAR, 4)
                      .optionalStart()
                      .appendPattern("[','] ")
                      .append(time())
                      .append(offset())
                      .optionalEnd()),
          // 28 November 2026
          form(
              b ->
                  b.appendValue(ChronoField.DAY_OF_MONTH, 1, 2, SignStyle.NOT_NEGATIVE)
                      .appendLiteral(' ')
                      .appendPattern("MMMM")
                      .appendLiteral(' ')
                      .appendValue(ChronoField.YEAR, 4)
                      .optionalStart()
                      .appendPattern("[','] ")
                      .append(time())
                      .append(offset())
                      .optionalEnd()));

  private PublishedDates() {}

  private interface Shape {
    DateTimeFormatterBuilder apply(DateTimeFormatterBuilder b);
  }

  private static DateTimeFormatter form(Shape shape) {
    return shape
        .apply(new DateTimeFormatterBuilder().parseCaseInsensitive())
        .toFormatter(Locale.ENGLISH)
        .withResolverStyle(ResolverStyle.STRICT)
        .withChronology(java.time.chrono.IsoChronology.INSTANCE);
  }

  /** H:mm or HH:mm, then optional seconds and fraction. */
  private static DateTimeFormatter time() {
    return new DateTimeFormatterBuilder()
        .appendValue(ChronoField.HOUR_OF_DAY, 1, 2, SignStyle.NOT_NEGATIVE)
        .appendLiteral(':')
        .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
        .optionalStart()
        .appendLiteral(':')
        .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
        .optionalStart()
        .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
        .optionalEnd()
        .optionalEnd()
        .toFormatter(Locale.ROOT);
  }

  /** An optional offset, perhaps after a space: Z, +01:00, +0100, +01. */
  private static DateTimeFormatter offset() {
    return new DateTimeFormatterBuilder()
        .optionalStart()
        .optionalStart()
        .appendLiteral(' ')
        .optionalEnd()
        .parseLenient()
        .appendOffset("+HH", "Z")
        .parseStrict()
        .optionalEnd()
        .toFormatter(Locale.ROOT);
  }

  /** Four digits, or two read as 1950–2049. */
  private static DateTimeFormatter year() {
    return new DateTimeFormatterBuilder()
        .appendPattern("[uuuu]")
        .optionalStart()
        .appendValueReduced(ChronoField.YEAR, 2, 2, 1950)
        .optionalEnd()
        .toFormatter(Locale.ROOT);
  }

  /** The instant a date text names, or empty when it is none of the forms above. */
  public static Optional<Instant> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String s = clean(text);
    if (s.isEmpty() || s.length() > 200) {
      return Optional.empty();
    }
    for (DateTimeFormatter f : FORMS) {
      Optional<Instant> whole = read(f, s, true);
      if (whole.isPresent()) {
        return whole;
      }
    }
    // a date followed by an annotation
    for (DateTimeFormatter f : FORMS) {
      Optional<Instant> prefix = read(f, s, false);
      if (prefix.isPresent()) {
        return prefix;
      }
    }
    return Optional.empty();
  }

  /** One space for each run of whitespace, control characters or character references. */
  static String clean(String text) {
    String s = REFERENCE.matcher(text).replaceAll(" ");
    s = CONTROL.matcher(s).replaceAll(" ").strip();
    s = DAY_NAME.matcher(s).replaceFirst("");
    Matcher zone = ZONE_NAME.matcher(s);
    if (zone.find()) {
      s = s.substring(0, zone.start()) + ZONES.get(zone.group(1).toUpperCase(Locale.ROOT));
    }
    return s;
  }

  private static Optional<Instant> read(DateTimeFormatter f, String s, boolean whole) {
    java.text.ParsePosition pos = new java.text.ParsePosition(0);
    TemporalAccessor t;
    try {
      t = f.parse(s, pos);
    } catch (DateTimeException e) {
      return Optional.empty();
    }
    if (pos.getErrorIndex() >= 0) {
      return Optional.empty();
    }
    int end = pos.getIndex();
    if (whole ? end != s.length() : !ANNOTATION.matcher(s.substring(end)).matches()) {
      return Optional.empty();
    }
    try {
      LocalDate date = LocalDate.from(t);
      LocalTime time =
          t.isSupported(ChronoField.HOUR_OF_DAY) ? LocalTime.from(t) : LocalTime.MIDNIGHT;
      ZoneOffset offset =
          t.isSupported(ChronoField.OFFSET_SECONDS) ? ZoneOffset.from(t) : ZoneOffset.UTC;
      return Optional.of(date.atTime(time).toInstant(offset));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }
}
