package dev.wirewatch.indexer.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A query that does not parse is explained in the user's terms, with a column. */
class QueryProblemsTest {
  private static String problem(String query) {
    try {
      UserQueries.parse(query, List.of("en", "fr"));
    } catch (InvalidQueryException e) {
      return e.getMessage();
    }
    throw new AssertionError("parsed: " + query);
  }

  @Test
  void eachMistakeIsNamedWhereItIs() {
    Map<String, String> cases =
        Map.of(
            "kenya AND (", "unbalanced parenthesis: the '(' at column 11 is never closed",
            "a )", "unbalanced parenthesis: the ')' at column 3 closes nothing",
            "\"police mission", "unbalanced quote: the '\"' at column 1 is never closed",
            "kenya AND", "nothing after 'AND' at the end",
            "kenya OR", "nothing after 'OR' at the end",
            "AND haiti", "unexpected 'AND' at column 1",
            "title: ", "nothing after ':' at the end");
    cases.forEach(
        (query, expected) ->
            assertThat(problem(query))
                .as(query)
                .startsWith("invalid query: ")
                .contains(expected)
                .doesNotContain("Encountered", "lexical state", "Cannot parse", "\n"));
  }

  @Test
  void aCharacterTheSyntaxRefusesIsPlaced() {
    assertThat(problem("kenya ~~ haiti"))
        .doesNotContain("Encountered", "lexical state", "\n")
        .isEqualTo("invalid query: unexpected '~' at column 7: put a word before it, or quote it");
    assertThatThrownBy(() -> UserQueries.parse("*ploy", List.of()))
        .isInstanceOf(InvalidQueryException.class)
        .hasMessageNotContaining("Encountered");
  }
}
