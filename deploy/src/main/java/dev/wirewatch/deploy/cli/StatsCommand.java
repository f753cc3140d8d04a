package dev.wirewatch.deploy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wirewatch.deploy.command.DataDirCommand;
import dev.wirewatch.deploy.command.IndexAccess;
import dev.wirewatch.indexer.search.ArticleSearcher;
import dev.wirewatch.indexer.search.IndexStats;
import java.io.PrintWriter;
import java.util.Map;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.IndexSearcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code wirewatch stats}: what the index holds. */
@Command(
    name = "stats",
    mixinStandardHelpOptions = true,
    description = "Count articles, dead letters and articles per topic.")
final class StatsCommand extends DataDirCommand {

  @Option(names = "--json", description = "Print {\"articles\": N, \"dlq\": M, \"topics\": {...}}.")
  boolean json;

  @Override
  protected int run(PrintWriter out, PrintWriter err) throws Exception {
    try (IndexReader reader = IndexAccess.openReader(common)) {
      IndexStats s = new ArticleSearcher().stats(new IndexSearcher(reader));
      if (json) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode o = mapper.createObjectNode();
        o.put("articles", s.articles());
        o.put("dlq", s.deadLetters());
        ObjectNode topics = o.putObject("topics");
        s.topics().forEach(topics::put);
        out.println(mapper.writeValueAsString(o));
      } else {
        out.printf("articles  %d%ndlq       %d%n", s.articles(), s.deadLetters());
        for (Map.Entry<String, Long> t : s.topics().entrySet()) {
          out.printf("  %-10s %d%n", t.getKey(), t.getValue());
        }
      }
      out.flush();
      return 0;
    }
  }
}
