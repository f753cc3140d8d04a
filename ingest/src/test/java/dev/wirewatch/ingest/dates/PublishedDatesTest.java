package dev.wirewatch.ingest.dates;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The date forms of wires, feeds and archives, with their noise; and what stays undated. */
class PublishedDatesTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // ISO-8601
        "2026-11-28T09:15:05Z|2026-11-28T09:15:05Z",
        "2026-11-28T09:15:05.123+01:00|2026-11-28T08:15:05.123Z",
        "2026-11-28 09:15:05+0100|2026-11-28T08:15:05Z",
        "2026-11-28 09:15 +01|2026-11-28T08:15:00Z",
        "2026-11-28T09:15:05|2026-11-28T09:15:05Z",
        "2026-11-28|2026-11-28T00:00:00Z",
        "2026/11/28 9:15|2026-11-28T09:15:00Z",
        // RFC 822 / 1123
        "Sat, 28 Nov 2026 09:15:05 GMT|2026-11-28T09:15:05Z",
        "Sat, 28 Nov 2026 09:15:05 +0000|2026-11-28T09:15:05Z",
        "Mon, 28 Nov 2026 09:15:05 EST|2026-11-28T14:15:05Z", // a wrong day name is ignored
        "28 Nov 26 09:15 PDT|2026-11-28T16:15:00Z",
        "3 Mar 87 09:15:05 GMT|1987-03-03T09:15:05Z",
        // the wire, and its noise (the example first, then made-up ones of each kind)
        "21-AUG-1999 15:01:01.79|1999-08-21T15:01:01.790Z",
        "3-MAR-1987  09:15:05.40|1987-03-03T09:15:05.400Z",
        "14-JUN-1991 11:20:33.07&#3;&#3;XZ|1991-06-14T11:20:33.070Z",
        "2-oct-1995 08:45:10.5\u0002\u0002Q LT|1995-10-02T08:45:10.500Z",
        "9-JAN-2001 16:22:00.0|2001-01-09T16:22:00Z",
        // written dates
        "November 28, 2026|2026-11-28T00:00:00Z",
        "Nov. 28, 2026 9:15|2026-11-28T09:15:00Z",
        "Saturday, November 28, 2026|2026-11-28T00:00:00Z",
        "28 November 2026|2026-11-28T00:00:00Z",
        "2026-11-28T09:15:05Z (updated)|2026-11-28T09:15:05Z",
      })
  void readsTheCommonForms(String text, String expected) {
    assertThat(PublishedDates.parse(text)).contains(Instant.parse(expected));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "12-MAY-1990 713:01:02.03", // the hour is not one: undated, not a guess
        "2026-02-30", // February has no 30th
        "2026-13-01",
        "31-APR-1987 10:00:00",
        "yesterday",
        "about 3 hours ago",
        "12345",
        "2026-11-28T25:00:00Z",
        "28 Nov 2026 09:15:05 +99:00",
        " ",
      })
  void leavesWhatIsNotADateUndated(String text) {
    assertThat(PublishedDates.parse(text)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "&#5;&#5;"})
  void emptyAfterCleaningIsUndated(String text) {
    assertThat(PublishedDates.parse(text)).isEmpty();
    assertThat(PublishedDates.parse(null)).isEmpty();
  }
}
