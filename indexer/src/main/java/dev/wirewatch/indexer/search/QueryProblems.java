package dev.wirewatch.indexer.search;

import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParserConstants;
import org.apache.lucene.queryparser.classic.Token;

/**
 * What is wrong with a query that does not parse, in the user's terms and with a column: an
 * unbalanced parenthesis or quote, an operator with nothing after it, a character the syntax does
 * not allow — never the parser's grammar ("Encountered …", "lexical state").
 */
final class QueryProblems {
  private QueryProblems() {}

  /** One line: what is wrong and where. */
  static String describe(String query, ParseException thrown) {
    String structural = structure(query);
    if (structural != null) {
      return structural;
    }
    // The parser wraps its own exception (or a lexical error) in one that echoes the query
    ParseException e =
        thrown.getCause() instanceof ParseException inner && inner.currentToken != null
            ? inner
            : thrown;
    String lexical = thrown.getCause() == null ? null : thrown.getCause().getMessage();
    Token at = e.currentToken == null ? null : e.currentToken.next;
    if (at != null && at.kind == QueryParserConstants.EOF) {
      Token last = e.currentToken;
      String after = last == null || last.image == null ? "" : last.image;
      return after.isEmpty()
          ? "the query is empty where a word was expected"
          : "nothing after '" + after + "' at the end: give a word or phrase after it";
    }
    if (at != null && at.image != null) {
      // The parser's columns are not the text's (counted differently, -1 at the very start):
      // find the token in the query from about there
      int idx = query.indexOf(at.image, Math.max(0, at.beginColumn - 2));
      int column = (idx >= 0 ? idx : Math.max(0, at.beginColumn)) + 1;
      return "unexpected '"
          + at.image
          + "' at column "
          + column
          + ": put a word before it, or quote it";
    }
    String m = lexical != null ? lexical : "";
    int col = m.indexOf("column ");
    if (col >= 0) {
      String n = m.substring(col + 7).replaceAll("[^0-9].*$", "");
      if (!n.isEmpty()) {
        return "a character the query syntax does not allow at column " + n + ": quote the words";
      }
    }
    return "the query syntax is not followed: see the query syntax help";
  }

  /** Unbalanced quotes or parentheses (outside quotes), or null. */
  private static String structure(String q) {
    int depth = 0;
    int firstOpen = -1;
    boolean quoted = false;
    int quoteAt = -1;
    for (int i = 0; i < q.length(); i++) {
      char c = q.charAt(i);
      if (c == '\\') {
        i++;
        continue;
      }
      if (c == '"') {
        quoted = !quoted;
        quoteAt = i;
        continue;
      }
      if (quoted) {
        continue;
      }
      if (c == '(') {
        if (depth == 0) {
          firstOpen = i;
        }
        depth++;
      } else if (c == ')') {
        if (depth == 0) {
          return "unbalanced parenthesis: the ')' at column " + (i + 1) + " closes nothing";
        }
        depth--;
      }
    }
    if (quoted) {
      return "unbalanced quote: the '\"' at column " + (quoteAt + 1) + " is never closed";
    }
    if (depth > 0) {
      return "unbalanced parenthesis: the '(' at column " + (firstOpen + 1) + " is never closed";
    }
    return null;
  }
}
