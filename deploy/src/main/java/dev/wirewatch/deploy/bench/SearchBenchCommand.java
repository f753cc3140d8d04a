package dev.wirewatch.deploy.bench;

import dev.wirewatch.deploy.command.DataDirCommand;
import dev.wirewatch.deploy.command.ExitCodes;
import dev.wirewatch.indexer.store.IndexFields;
import dev.wirewatch.indexer.web.SearchScope;
import dev.wirewatch.indexer.web.WebServer;
import dev.wirewatch.indexer.web.app.WebApp;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ReferenceManager;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench search}: 1,000 mixed queries through the HTTP API over a data directory's index. */
@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    description =
        "Search latency: mixed queries (words, AND/OR, phrases, prefixes, filters, newest, story collapse, paging)"
            + " through the HTTP API on loopback over the index of a data directory.")
final class SearchBenchCommand extends DataDirCommand {
  /** Timed queries. */
  static final int DEFAULT_QUERIES = 1000;

  /**
   * Untimed queries first: enough for the JIT to have compiled the search path. On two cores the
   * compiler threads compete with the server for the first few thousand queries; after 300 the p95
   * was still twice that of a server that has answered 3,000 (measured on the Reuters index), and a
   * search server's latency is what it answers once running, not while it starts.
   */
  static final int DEFAULT_WARMUP = 3000;

  /** Seed of the query mix. */
  static final long DEFAULT_SEED = 42;

  @Option(
      names = "--queries",
      defaultValue = "" + DEFAULT_QUERIES,
      description = "Timed queries (default: ${DEFAULT-VALUE}).")
  int queries;

  @Option(
      names = "--warmup",
      defaultValue = "" + DEFAULT_WARMUP,
      description = "Untimed queries first (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(
      names = "--seed",
      defaultValue = "" + DEFAULT_SEED,
      description = "Seed of the query mix (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  protected int run(PrintWriter out, PrintWriter err) throws Exception {
    if (queries < 1 || warmup < 0) {
      err.println("wirewatch bench search: --queries must be at least 1 and --warmup at least 0");
      return ExitCodes.USAGE;
    }
    dev.wirewatch.indexer.store.ShardReaders shards;
    try {
      shards = dev.wirewatch.indexer.store.ShardReaders.open(common.indexDir());
    } catch (IllegalStateException e) {
      err.println("wirewatch bench search: " + e.getMessage());
      return ExitCodes.FAILURE;
    }
    ReferenceManager<IndexSearcher> searchers = shards.searchers();
    IndexSearcher probe = searchers.acquire();
    IndexReader reader = probe.getIndexReader();
    searchers.release(probe);
    List<String> mix = queryMix(searchers, new Random(seed), warmup + queries);
    int articles = reader.numDocs();
    try (WebServer server =
        WebApp.builder(SearchScope.single(searchers)).build("127.0.0.1", 0).start()) {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      String base = "http://127.0.0.1:" + server.port();
      long[] nanos = new long[queries];
      int errors = 0;
      for (int i = 0; i < warmup + queries; i++) {
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + mix.get(i))).build();
        long t0 = System.nanoTime();
        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
        long t = System.nanoTime() - t0;
        if (i >= warmup) {
          nanos[i - warmup] = t;
          if (r.statusCode() != 200) {
            errors++;
            if (errors <= 3) {
              err.println("  " + r.statusCode() + " for " + mix.get(i) + ": " + r.body());
            }
          }
        }
      }
      out.printf(
          Locale.ROOT,
          "search latency over %d articles, %d mixed queries after %d warm-up, one client, HTTP on loopback:%n",
          articles,
          queries,
          warmup);
      out.println(
          "  "
              + Percentiles.percentiles(nanos)
              + (errors == 0 ? "" : "; " + errors + " queries failed"));
      // Which kinds make the tail: each kind's own percentiles.
      Map<String, List<Long>> byKind = new TreeMap<>();
      for (int i = 0; i < queries; i++) {
        byKind.computeIfAbsent(kind(mix.get(warmup + i)), k -> new ArrayList<>()).add(nanos[i]);
      }
      byKind.forEach(
          (k, v) ->
              out.printf(
                  Locale.ROOT,
                  "  %-12s %s%n",
                  k,
                  Percentiles.percentiles(v.stream().mapToLong(Long::longValue).toArray())));
      out.println(
          "  examples: "
              + String.join("  ", mix.subList(warmup, Math.min(warmup + 4, mix.size()))));
    } finally {
      shards.close();
    }
    return 0;
  }

  /** The kind of a query of the mix, for the per-kind figures. */
  static String kind(String query) {
    if (query.contains("collapse=story")) {
      return "collapse";
    } else if (!query.contains("q=")) {
      return "filter-only";
    } else if (query.contains("&page=")) {
      return "page";
    } else if (query.contains("&topic=")) {
      return "topic";
    } else if (query.contains("&place=")) {
      return "place";
    } else if (query.contains("*")) {
      return "prefix";
    } else if (query.contains("%22")) {
      return "phrase";
    } else if (query.contains("+OR+") || query.contains("%20OR%20")) {
      return "or";
    } else if (query.contains("+") || query.contains("%20")) {
      return "two-words";
    }
    return "word";
  }

  /**
   * Queries built from the index's own titles (so they match something), in a fixed mix: single
   * words, two words, phrases, OR, prefixes, topic and place filters, newest first, story collapse,
   * later pages, and filter-only searches.
   */
  static List<String> queryMix(ReferenceManager<IndexSearcher> searchers, Random random, int n)
      throws java.io.IOException {
    List<String> words = new ArrayList<>();
    List<String[]> pairs = new ArrayList<>();
    Set<String> topics = new LinkedHashSet<>();
    Set<String> places = new LinkedHashSet<>();
    IndexSearcher s = searchers.acquire();
    try {
      StoredFields stored = s.storedFields();
      int docs = s.getIndexReader().maxDoc();
      for (int i = 0; i < Math.min(docs, 3000); i++) {
        int doc = random.nextInt(docs);
        var d = stored.document(doc);
        String title = d.get(IndexFields.TITLE);
        if (title == null) {
          continue;
        }
        String[] ws =
            Arrays.stream(title.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(w -> w.length() >= 4 && !w.chars().allMatch(Character::isDigit))
                .toArray(String[]::new);
        words.addAll(Arrays.asList(ws));
        for (int k = 0; k + 1 < ws.length; k++) {
          pairs.add(new String[] {ws[k], ws[k + 1]});
        }
        topics.addAll(Arrays.asList(d.getValues(IndexFields.TOPIC)));
        places.addAll(Arrays.asList(d.getValues(IndexFields.PLACE)));
      }
    } finally {
      searchers.release(s);
    }
    if (words.isEmpty()) {
      throw new IllegalStateException("the index has no titled articles to build queries from");
    }
    List<String> topicList = new ArrayList<>(topics.isEmpty() ? List.of("none") : topics);
    List<String> placeList = new ArrayList<>(places.isEmpty() ? List.of("xx") : places);
    List<String> mix = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String w = words.get(random.nextInt(words.size()));
      String w2 = words.get(random.nextInt(words.size()));
      String[] p = pairs.isEmpty() ? new String[] {w, w2} : pairs.get(random.nextInt(pairs.size()));
      int kind = random.nextInt(100);
      String q;
      if (kind < 25) {
        q = "q=" + Percentiles.enc(w);
      } else if (kind < 40) {
        q = "q=" + Percentiles.enc(p[0] + " " + p[1]);
      } else if (kind < 50) {
        q = "q=" + Percentiles.enc("\"" + p[0] + " " + p[1] + "\"");
      } else if (kind < 58) {
        q = "q=" + Percentiles.enc(w + " OR " + w2);
      } else if (kind < 63) {
        q = "q=" + Percentiles.enc(w.substring(0, Math.min(w.length(), 4)) + "*");
      } else if (kind < 73) {
        q =
            "q="
                + Percentiles.enc(w)
                + "&topic="
                + Percentiles.enc(topicList.get(random.nextInt(topicList.size())));
      } else if (kind < 80) {
        q =
            "q="
                + Percentiles.enc(w)
                + "&place="
                + Percentiles.enc(placeList.get(random.nextInt(placeList.size())));
      } else if (kind < 88) {
        q = "q=" + Percentiles.enc(w) + "&sort=newest&collapse=story";
      } else if (kind < 94) {
        q = "q=" + Percentiles.enc(w) + "&page=" + (2 + random.nextInt(3));
      } else {
        q =
            "topic="
                + Percentiles.enc(topicList.get(random.nextInt(topicList.size())))
                + "&sort=newest";
      }
      mix.add("/api/search?" + q);
    }
    return mix;
  }
}
