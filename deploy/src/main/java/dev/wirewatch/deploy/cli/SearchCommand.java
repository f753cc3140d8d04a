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
import dev.wirewatch.indexer.search.SearchResult;
import java.io.PrintWriter;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.IndexSearcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wirewatch search}: full-text search of the index from the command line. */
@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    description = {
      "Search the articles in the index.",
      "Query syntax (Lucene classic): words are all required; OR, NOT, \"phrases\", \"near words\"~5,"
          + " prefix*, title:word, ( )."
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

  @Parameters(
      paramLabel = "QUERY",
      arity = "1..*",
      description = "The query; several words are joined with spaces.")
  String[] query;

  @Override
  protected int run(PrintWriter out, PrintWriter err) throws Exception {
    String q = String.join(" ", query);
    try (IndexReader reader = IndexAccess.openReader(common)) {
      boolean tty = System.console() != null;
      Highlight marks = json ? Highlight.HTML : tty ? Highlight.ANSI : Highlight.NONE;
      SearchResult r = new ArticleSearcher().search(new IndexSearcher(reader), q, limit, marks);
      if (json) {
        ObjectMapper mapper = new ObjectMapper();
        for (SearchHit h : r.hits()) {
          ObjectNode o = mapper.createObjectNode();
          o.put("id", h.id());
          o.put("title", h.title());
          o.put("url", h.url());
          o.put("publishedAt", h.publishedAt() == null ? null : h.publishedAt().toString());
          o.putPOJO("topics", h.topics());
          o.putPOJO("places", h.places());
          o.put("storyId", h.storyId());
          o.put("score", h.score());
          o.put("snippet", h.snippet());
          o.put("text", h.text());
          out.println(mapper.writeValueAsString(o));
        }
      } else {
        int i = 1;
        for (SearchHit h : r.hits()) {
          out.printf(
              "%d. %s%s%s%n",
              i++,
              h.title() == null ? "(untitled)" : h.title(),
              h.topics().isEmpty() ? "" : "  [" + String.join(", ", h.topics()) + "]",
              h.publishedAt() == null ? "" : "  " + h.publishedAt().toString().substring(0, 10));
          out.printf("   %s%n", h.snippet().replaceAll("\\s+", " ").strip());
          out.printf("   %s%n%n", h.url() == null ? "id " + h.id() : h.url());
        }
        out.printf(
            "%d of %d matching article%s%n", r.hits().size(), r.total(), r.total() == 1 ? "" : "s");
      }
      out.flush();
      return 0;
    } catch (InvalidQueryException e) {
      err.println("wirewatch search: " + e.getMessage() + " (see: bin/wirewatch search --help)");
      return ExitCodes.USAGE;
    }
  }
}
