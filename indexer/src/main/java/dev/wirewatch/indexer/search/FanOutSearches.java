package dev.wirewatch.indexer.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Searches every indexer instance: this one's shards directly, the others' through their search API
 * (with {@code local=true}, so that they answer from their own shards and ask no one), in parallel,
 * and merges the answers.
 *
 * <p>A page p of size s needs each instance's top p × s hits; they are merged in the request's
 * order (score, or newest first), collapsed by story when asked, and page p is cut from the merged
 * list. Totals and facet counts are summed (each instance's facets are its top values, as in any
 * sharded search engine). Story sizes are asked of every instance for the stories on the page. An
 * instance that does not answer is named in the page's {@code unavailable} list and the page is
 * served without its partitions: a partial answer that says so.
 */
public final class FanOutSearches implements Searches {
  private static final Logger LOG = LoggerFactory.getLogger(FanOutSearches.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final Duration PEER_TIMEOUT = Duration.ofSeconds(10);

  private final Searches local;
  private final Supplier<List<String>> peers;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  public FanOutSearches(Searches local, Supplier<List<String>> peers) {
    this.local = local;
    this.peers = peers;
  }

  /** One peer's answer, or why there is none. */
  private record Answer(String peer, int status, JsonNode body, String failure) {}

  private List<Answer> askAll(List<String> endpoints, String pathAndQuery) {
    List<CompletableFuture<Answer>> pending = new ArrayList<>();
    for (String peer : endpoints) {
      HttpRequest req =
          HttpRequest.newBuilder(URI.create(peer + pathAndQuery))
              .timeout(PEER_TIMEOUT)
              .GET()
              .build();
      pending.add(
          http.sendAsync(req, HttpResponse.BodyHandlers.ofString())
              .thenApply(
                  r -> {
                    try {
                      return new Answer(peer, r.statusCode(), JSON.readTree(r.body()), null);
                    } catch (IOException e) {
                      return new Answer(
                          peer, r.statusCode(), null, "unreadable answer: " + e.getMessage());
                    }
                  })
              .exceptionally(
                  e ->
                      new Answer(
                          peer, 0, null, String.valueOf(e.getCause() != null ? e.getCause() : e))));
    }
    List<Answer> out = new ArrayList<>();
    for (CompletableFuture<Answer> f : pending) {
      Answer a = f.join();
      if (a.failure() != null) {
        LOG.warn("indexer {} did not answer {}: {}", a.peer(), pathAndQuery, a.failure());
      }
      out.add(a);
    }
    return out;
  }

  @Override
  public SearchPage search(SearchRequest r, Highlight marks) throws IOException {
    List<String> endpoints = peers.get();
    if (endpoints.isEmpty()) {
      return local.search(r, marks);
    }
    SearchRequest share = r.upToThisPage();
    // plain marks are asked by an export, which needs each hit's text from the others too
    List<Answer> answers =
        askAll(
            endpoints,
            "/api/search?" + query(share) + (marks.equals(Highlight.NONE) ? "&text=true" : ""));
    SearchPage mine = local.search(share, marks);
    List<SearchPage.Hit> all = new ArrayList<>(mine.hits());
    long total = mine.total();
    long articles = mine.articles();
    long undated = mine.undated();
    Map<String, Map<String, Long>> facets = copy(mine.facets());
    List<String> unavailable = new ArrayList<>();
    for (Answer a : answers) {
      if (a.status() != 200 || a.body() == null) {
        if (a.status() == 400 && a.body() != null) {
          // the same request is as wrong there as here; local search would have said so first
          throw new IOException(
              "indexer " + a.peer() + " refused the search: " + a.body().path("error").asText());
        }
        unavailable.add(a.peer());
        continue;
      }
      total += a.body().path("total").asLong();
      articles += a.body().path("articles").asLong(a.body().path("total").asLong());
      undated += a.body().path("undated").asLong();
      a.body()
          .path("hits")
          .forEach(
              h ->
                  all.add(
                      new SearchPage.Hit(
                          hit(h),
                          h.path("storySize").asLong(1),
                          h.path("storySources").asLong(1))));
      a.body()
          .path("facets")
          .fields()
          .forEachRemaining(
              dim -> {
                Map<String, Long> counts =
                    facets.computeIfAbsent(dim.getKey(), k -> new LinkedHashMap<>());
                dim.getValue()
                    .fields()
                    .forEachRemaining(
                        v -> counts.merge(v.getKey(), v.getValue().asLong(), Long::sum));
              });
    }
    boolean newest = r.order() == SearchRequest.Order.NEWEST || r.query().isBlank();
    all.sort(newest ? NEWEST : RELEVANCE);
    List<SearchPage.Hit> merged = all;
    if (r.collapseStories()) {
      Set<String> seen = new HashSet<>();
      merged =
          all.stream()
              .filter(h -> h.article().storyId() == null || seen.add(h.article().storyId()))
              .toList();
    }
    int from = Math.min(merged.size(), (r.page() - 1) * r.size());
    List<SearchPage.Hit> page = merged.subList(from, Math.min(merged.size(), from + r.size()));
    Map<String, Long> sizes =
        storySizes(
            page.stream().map(h -> h.article().storyId()).filter(s -> s != null).toList(),
            endpoints);
    List<SearchPage.Hit> out =
        page.stream()
            .map(
                h ->
                    new SearchPage.Hit(
                        h.article(),
                        h.article().storyId() == null
                            ? 1
                            : sizes.getOrDefault(h.article().storyId(), h.storySize()),
                        // the sources its own instance holds: a story spread over instances may
                        // have a few more
                        Math.max(1, h.storySources())))
            .toList();
    return new SearchPage(
        total, articles, undated, out, trim(facets, r.facetValues()), unavailable);
  }

  private static final Comparator<SearchPage.Hit> RELEVANCE =
      Comparator.<SearchPage.Hit>comparingDouble(h -> -h.article().score())
          .thenComparing(h -> h.article().id());
  private static final Comparator<SearchPage.Hit> NEWEST =
      Comparator.<SearchPage.Hit, Instant>comparing(
              h -> h.article().publishedAt(), Comparator.nullsLast(Comparator.reverseOrder()))
          .thenComparingDouble(h -> -h.article().score())
          .thenComparing(h -> h.article().id());

  private static Map<String, Map<String, Long>> copy(Map<String, Map<String, Long>> facets) {
    Map<String, Map<String, Long>> out = new LinkedHashMap<>();
    facets.forEach((k, v) -> out.put(k, new LinkedHashMap<>(v)));
    return out;
  }

  /**
   * Each dimension's top values by count (days: every day, oldest first), as one instance gives
   * them.
   */
  private static Map<String, Map<String, Long>> trim(
      Map<String, Map<String, Long>> facets, int values) {
    Map<String, Map<String, Long>> out = new LinkedHashMap<>();
    facets.forEach(
        (dim, counts) -> {
          Map<String, Long> sorted = new LinkedHashMap<>();
          var entries = counts.entrySet().stream();
          if (dim.equals("days")) {
            entries
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
          } else {
            entries
                .sorted(
                    Map.Entry.<String, Long>comparingByValue()
                        .reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(values)
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
          }
          out.put(dim, sorted);
        });
    return out;
  }

  private Map<String, Long> storySizes(List<String> storyIds, List<String> endpoints)
      throws IOException {
    Map<String, Long> sizes = new LinkedHashMap<>(local.storySizes(storyIds));
    if (storyIds.isEmpty()) {
      return sizes;
    }
    StringBuilder q = new StringBuilder("/api/story-sizes?local=true");
    storyIds.stream().distinct().forEach(id -> q.append("&id=").append(enc(id)));
    for (Answer a : askAll(endpoints, q.toString())) {
      if (a.status() == 200 && a.body() != null) {
        a.body()
            .path("sizes")
            .fields()
            .forEachRemaining(e -> sizes.merge(e.getKey(), e.getValue().asLong(), Long::sum));
      }
    }
    return sizes;
  }

  @Override
  public Map<String, Long> storySizes(Collection<String> storyIds) throws IOException {
    return storySizes(List.copyOf(storyIds), peers.get());
  }

  @Override
  public SearchHit article(String id) throws IOException {
    SearchHit mine = local.article(id);
    if (mine != null) {
      return mine;
    }
    for (Answer a : askAll(peers.get(), "/api/articles/" + encPath(id) + "?local=true")) {
      if (a.status() == 200 && a.body() != null) {
        return hit(a.body());
      }
    }
    return null;
  }

  @Override
  public List<SearchHit> story(String storyId, int limit) throws IOException {
    List<SearchHit> all = new ArrayList<>(local.story(storyId, limit));
    for (Answer a : askAll(peers.get(), "/api/stories/" + encPath(storyId) + "?local=true")) {
      if (a.status() == 200 && a.body() != null) {
        a.body().path("articles").forEach(h -> all.add(hit(h)));
      }
    }
    all.sort(
        Comparator.comparing(
                SearchHit::publishedAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(SearchHit::id));
    return all.size() > limit ? List.copyOf(all.subList(0, limit)) : all;
  }

  @Override
  public Map<String, Long> articlesBySource() throws IOException {
    Map<String, Long> counts = new LinkedHashMap<>(local.articlesBySource());
    for (Answer a : askAll(peers.get(), "/api/sources?local=true")) {
      if (a.status() == 200 && a.body() != null) {
        a.body()
            .path("sources")
            .forEach(
                s -> {
                  long n = s.path("articles").asLong();
                  if (n > 0) {
                    counts.merge(s.path("source").asText(), n, Long::sum);
                  }
                });
      }
    }
    return counts;
  }

  private static SearchHit hit(JsonNode h) {
    List<String> topics = new ArrayList<>();
    h.path("topics").forEach(t -> topics.add(t.asText()));
    List<String> places = new ArrayList<>();
    h.path("places").forEach(t -> places.add(t.asText()));
    return new SearchHit(
        text(h, "id"),
        text(h, "title"),
        text(h, "url"),
        text(h, "source"),
        h.hasNonNull("publishedAt") ? Instant.parse(h.get("publishedAt").asText()) : null,
        topics,
        places,
        text(h, "storyId"),
        text(h, "copyOf"),
        (float) h.path("score").asDouble(0),
        text(h, "snippet"),
        text(h, "text"));
  }

  private static String text(JsonNode n, String field) {
    return n.hasNonNull(field) ? n.get(field).asText() : null;
  }

  /** The request as the search API's query string, for another instance's own shards. */
  static String query(SearchRequest r) {
    StringBuilder q = new StringBuilder("local=true");
    q.append("&q=").append(enc(r.query()));
    r.topics().forEach(v -> q.append("&topic=").append(enc(v)));
    r.places().forEach(v -> q.append("&place=").append(enc(v)));
    r.sources().forEach(v -> q.append("&source=").append(enc(v)));
    r.languages().forEach(v -> q.append("&lang=").append(enc(v)));
    if (r.from() != null) {
      q.append("&from=").append(enc(r.from().toString()));
    }
    if (r.to() != null) {
      q.append("&to=").append(enc(r.to().toString()));
    }
    q.append("&sort=").append(r.order() == SearchRequest.Order.NEWEST ? "newest" : "relevance");
    q.append("&facets=").append(r.facetValues());
    q.append("&page=").append(r.page()).append("&size=").append(r.size());
    if (r.collapseStories()) {
      q.append("&collapse=story");
    }
    return q.toString();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String encPath(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
