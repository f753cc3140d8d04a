package dev.wirewatch.deploy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wirewatch.deploy.command.DataDirCommand;
import dev.wirewatch.deploy.command.ExitCodes;
import dev.wirewatch.deploy.command.IndexAccess;
import dev.wirewatch.indexer.search.ArticleSearcher;
import dev.wirewatch.indexer.search.Highlight;
import dev.wirewatch.indexer.search.InvalidQueryException;
import dev.wirewatch.indexer.search.SearchHit;
import dev.wirewatch.indexer.search.SearchPage;
import dev.wirewatch.indexer.search.SearchRequest;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.IndexSearcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code wirewatch search}: full-text search of the index from the command line, with the filters
 * and sort of the search page and {@code /api/search}.
 */
@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    description = {
      "Search the articles in the index.",
      "Query syntax (Lucene classic): words are all required; OR, NOT, \"phrases\", \"near words\"~5,"
          + " prefix*, title:word, ( ). Without a query: every article (newest first) the filters"
          + " let through."
    })
final class SearchCommand extends DataDirCommand {
  /** Hits shown when --limit is not given. */
  static final int DEFAULT_LIMIT = 10;

  @Option(names = "--json", description = "One JSON object per hit and line.")
  boolean json;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "" + DEFAULT_LIMIT,
      description = "Hits to show, 1-250 (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(
      names = "--sort",
      paramLabel = "ORDER",
      description = "relevance (the default with a query) or newest (the default without one).")
  String sort;

  @Option(
      names = "--topic",
      paramLabel = "TOPIC",
      description = "Only articles with this topic; repeat for any of several.")
  List<String> topics = new ArrayList<>();

  @Option(
      names = "--place",
      paramLabel = "CODE",
      description =
          "Only articles about this place (ISO code, e.g. HT); repeat for any of several.")
  List<String> places = new ArrayList<>();

  @Option(
      names = "--source",
      paramLabel = "SOURCE",
      description = "Only articles from this source; repeat for any of several.")
  List<String> sources = new ArrayList<>();

  @Option(
      names = "--lang",
      paramLabel = "CODE",
      description = "Only articles in this language (e.g. fr); repeat for any of several.")
  List<String> languages = new ArrayList<>();

  @Option(
      names = "--from",
      paramLabel = "WHEN",
      description = "Published at or after: a date (2026-11-28, its start, UTC) or an instant.")
  String from;

  @Option(
      names = "--to",
      paramLabel = "WHEN",
      description = "Published at or before: a date (2026-11-28, its end, UTC) or an instant.")
  String to;

  @Option(names = "--collapse", description = "One hit per story (its best article).")
  boolean collapse;

  @Parameters(
      paramLabel = "QUERY",
      arity = "0..*",
      description = "The query; several words are joined with spaces.")
  List<String> query = new ArrayList<>();

  @Override
  protected int run(PrintWriter out, PrintWriter err) throws Exception {
    String q = String.join(" ", query).strip();
    SearchRequest request;
    try {
      if (limit < 1 || limit > ArticleSearcher.MAX_LIMIT) {
        throw new InvalidQueryException(
            "--limit must be between 1 and " + ArticleSearcher.MAX_LIMIT + ", got " + limit, null);
      }
      request =
          new SearchRequest(
              q,
              topics,
              places,
              sources,
              languages,
              SearchRequest.time("--from", from, false),
              SearchRequest.time("--to", to, true),
              order(sort),
              1,
              limit,
              collapse,
              SearchRequest.FACET_VALUES);
    } catch (InvalidQueryException e) {
      return usage(err, e.getMessage());
    }
    try (IndexReader reader = IndexAccess.openReader(common)) {
      boolean tty = System.console() != null;
      Highlight marks = json ? Highlight.HTML : tty ? Highlight.ANSI : Highlight.NONE;
      SearchPage page = new ArticleSearcher().search(new IndexSearcher(reader), request, marks);
      if (json) {
        ObjectMapper mapper = new ObjectMapper();
        for (SearchPage.Hit hit : page.hits()) {
          SearchHit h = hit.article();
          ObjectNode o = mapper.createObjectNode();
          o.put("id", h.id());
          o.put("title", h.title());
          o.put("url", h.url());
          o.put("source", h.source());
          o.put("publishedAt", h.publishedAt() == null ? null : h.publishedAt().toString());
          o.putPOJO("topics", h.topics());
          o.putPOJO("places", h.places());
          o.put("storyId", h.storyId());
          o.put("storySize", hit.storySize());
          o.put("score", h.score());
          o.put("snippet", h.snippet());
          o.put("text", h.text());
          out.println(mapper.writeValueAsString(o));
        }
      } else {
        int i = 1;
        for (SearchPage.Hit hit : page.hits()) {
          SearchHit h = hit.article();
          out.printf(
              "%d. %s%s%s%s%n",
              i++,
              h.title() == null ? "(untitled)" : h.title(),
              h.topics().isEmpty() ? "" : "  [" + String.join(", ", h.topics()) + "]",
              h.publishedAt() == null
                  ? "  undated"
                  : "  " + h.publishedAt().toString().substring(0, 10),
              collapse && hit.storySize() > 1
                  ? "  (story of " + hit.storySize() + " articles)"
                  : "");
          out.printf("   %s%n", h.snippet().replaceAll("\\s+", " ").strip());
          out.printf("   %s%n%n", h.url() == null ? "id " + h.id() : h.url());
        }
        out.println(summary(page, collapse));
      }
      out.flush();
      return 0;
    } catch (InvalidQueryException e) {
      return usage(err, e.getMessage());
    }
  }

  private static String summary(SearchPage page, boolean collapsed) {
    String articles = page.articles() + " matching article" + (page.articles() == 1 ? "" : "s");
    if (collapsed) {
      return page.hits().size()
          + " of "
          + page.total()
          + " stor"
          + (page.total() == 1 ? "y" : "ies")
          + " ("
          + articles
          + ")";
    }
    return page.hits().size() + " of " + articles;
  }

  private static int usage(PrintWriter err, String message) {
    err.println("wirewatch search: " + message + " (see: bin/wirewatch search --help)");
    err.flush();
    return ExitCodes.USAGE;
  }

  private static SearchRequest.Order order(String v) {
    if (v == null) {
      return SearchRequest.Order.RELEVANCE; // a blank query is listed newest first anyway
    }
    return switch (v.strip().toLowerCase(Locale.ROOT)) {
      case "relevance" -> SearchRequest.Order.RELEVANCE;
      case "newest" -> SearchRequest.Order.NEWEST;
      default ->
          throw new InvalidQueryException(
              "--sort must be relevance or newest, got '" + v.strip() + "'", null);
    };
  }
}
