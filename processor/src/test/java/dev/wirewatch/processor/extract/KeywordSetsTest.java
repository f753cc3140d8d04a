package dev.wirewatch.processor.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class KeywordSetsTest {
  private static final List<String> A = List.of("sidebar", "-ad-", "comment", "nav");
  private static final List<String> B = List.of("article", "content", "nav", "post-body");
  private final KeywordSets sets =
      new KeywordSets().add(1, A.toArray(String[]::new)).add(2, B.toArray(String[]::new));

  @Test
  void answersWhichListsHaveAKeywordInsideTheName() {
    assertEquals(0, sets.match(""));
    assertEquals(0, sets.match("x"));
    assertEquals(0, sets.match("masthead big-logo"));
    assertEquals(1, sets.match("left-sidebar"));
    assertEquals(1, sets.match("top-ad-slot"));
    assertEquals(2, sets.match("main-content"));
    assertEquals(3, sets.match("navbar"), "a keyword in both lists sets both bits");
    assertEquals(3, sets.match("comments article"));
    assertEquals(2, sets.match("Post-Body"), "ASCII case is ignored");
    assertEquals(
        0, sets.match("sidebaR".substring(0, 6)), "a keyword cut off by the end does not match");
    assertEquals(0, sets.match("ѕidebar"), "a Cyrillic look-alike is another letter");
  }

  @Test
  void agreesWithContainsOnEveryNameOfAPage() {
    // The lists' old implementation: lower-case the name, then contains() for each keyword.
    String[] names = {
      "entry-content clearfix",
      "td-post-content tagdiv-type",
      "comment-respond",
      "nav-links",
      "wp-block-group",
      "c-article__body",
      "POST-BODY",
      "ad-",
      "-ad",
      "-ad-",
      "story-body__inner",
      "navnav",
      "a"
    };
    for (String n : names) {
      String lower = n.toLowerCase(Locale.ROOT);
      int expected =
          (A.stream().anyMatch(lower::contains) ? 1 : 0)
              | (B.stream().anyMatch(lower::contains) ? 2 : 0);
      assertEquals(expected, sets.match(n), n);
    }
  }

  @Test
  void refusesKeywordsItCannotMatch() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new KeywordSets().add(1, "Nav"));
    assertEquals(
        "keyword must be lower-case ASCII of two or more characters: 'Nav'", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new KeywordSets().add(1, "x"));
    assertThrows(IllegalArgumentException.class, () -> new KeywordSets().add(1, "café"));
  }
}
