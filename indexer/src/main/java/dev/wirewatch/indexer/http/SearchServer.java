package dev.wirewatch.indexer.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wirewatch.indexer.search.Highlight;
import dev.wirewatch.indexer.search.InvalidQueryException;
import dev.wirewatch.indexer.search.LocalSearches;
import dev.wirewatch.indexer.search.SearchHit;
import dev.wirewatch.indexer.search.SearchPage;
import dev.wirewatch.indexer.search.SearchRequest;
import dev.wirewatch.indexer.search.Searches;
import dev.wirewatch.schemas.SourceStatus;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ReferenceManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The search API over HTTP (JSON), on Javalin:
 *
 * <ul>
 *   <li>{@code GET
 *       /api/search?q=&topic=&place=&source=&lang=&from=&to=&sort=relevance|newest&page=&size=&collapse=story}
 *   <li>{@code GET /api/articles/{id}}
 *   <li>{@code GET /api/stories/{storyId}}: every article of a story, oldest first
 *   <li>{@code GET /feeds/search.atom?q=&...}: a saved search as an Atom feed of the newest matches
 * </ul>
 *
 * A malformed query or parameter is a 400 with a one-line message; any other failure a 500 whose
 * body says only that (the details go to the log). Snippets carry the article's text HTML-escaped,
 * with {@code <mark>} around matches as the only markup.
 */
public final class SearchServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SearchServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Largest request line and headers accepted: room for the longest query, percent-encoded. */
  public static final int MAX_REQUEST_HEADER_BYTES = 128 * 1024;

  /** Most articles one story request returns. */
  static final int MAX_STORY_ARTICLES = 1000;

  /**
   * Sent with every response. The UI renders article text as text; the policy is the second line of
   * defence: no inline script, no script or frame from elsewhere, no framing of the UI.
   */
  static final Map<String, String> SECURITY_HEADERS =
      Map.of(
          "Content-Security-Policy",
              "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                  + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
          "X-Content-Type-Options", "nosniff",
          "Referrer-Policy", "no-referrer");

  private final Searches local;
  private final Searches everywhere;
  private final Extras extras;
  private final Javalin app;

  /**
   * What a server offers beyond search, each optional (null: not offered).
   *
   * @param alerts the live alerts ({@code GET /api/alerts/stream}, server-sent events named {@code
   *     alert}, JSON data)
   * @param catalog the pipeline's topics and watches ({@code GET /api/topics})
   * @param sources each source's latest status ({@code GET /api/sources}, with article counts from
   *     the index; without it the page lists the index's sources only)
   * @param peers the search URLs of the other indexer instances, whose shards every search also
   *     asks (null or empty: this instance holds the whole index)
   * @param metrics the registry {@code GET /metrics} exposes in Prometheus' format, and search
   *     latency is recorded in (null: no metrics)
   * @param notReady why the service is not ready yet ({@code GET /health/ready} answers 503 with
   *     it), or null when it is; null supplier: ready whenever it serves
   */
  public record Extras(
      AlertBroadcaster alerts,
      Supplier<Catalog> catalog,
      Supplier<List<SourceStatus>> sources,
      Supplier<List<String>> peers,
      PrometheusMeterRegistry metrics,
      Supplier<String> notReady) {
    public static final Extras NONE = new Extras(null, null, null, null, null, null);

    public Extras(
        AlertBroadcaster alerts, Supplier<Catalog> catalog, Supplier<List<SourceStatus>> sources) {
      this(alerts, catalog, sources, null, null, null);
    }

    public Extras(
        AlertBroadcaster alerts,
        Supplier<Catalog> catalog,
        Supplier<List<SourceStatus>> sources,
        Supplier<List<String>> peers) {
      this(alerts, catalog, sources, peers, null, null);
    }

    /** The same, with metrics ({@code GET /metrics}) and readiness ({@code GET /health/ready}). */
    public Extras with(PrometheusMeterRegistry registry, Supplier<String> whyNotReady) {
      return new Extras(alerts, catalog, sources, peers, registry, whyNotReady);
    }
  }

  /** A server on {@code host:port} (port 0: any free port) over the searchers' index. */
  public SearchServer(ReferenceManager<IndexSearcher> searchers, String host, int port) {
    this(searchers, Extras.NONE, host, port);
  }

  /** A server that also streams alerts from the broadcaster, when it is not null. */
  public SearchServer(
      ReferenceManager<IndexSearcher> searchers, AlertBroadcaster alerts, String host, int port) {
    this(searchers, new Extras(alerts, null, null), host, port);
  }

  /**
   * A server with the web UI at {@code /} (static HTML, CSS and ES modules from the classpath), the
   * search API, and what {@code extras} offers.
   */
  public SearchServer(
      ReferenceManager<IndexSearcher> searchers, Extras extras, String host, int port) {
    this.local = new LocalSearches(searchers);
    this.everywhere = extras.peers() == null ? local : new FanOutSearches(local, extras.peers());
    this.extras = extras;
    this.app =
        Javalin.create(
            config -> {
              config.jetty.host = host;
              config.jetty.port = port;
              // A long query (up to ArticleSearcher.MAX_QUERY_CHARS, URL-encoded) must reach the
              // parser and
              // get its one-line 400, not Jetty's "431 Request Header Fields Too Large" page.
              config.jetty.modifyHttpConfiguration(
                  http -> http.setRequestHeaderSize(MAX_REQUEST_HEADER_BYTES));
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              config.staticFiles.add(
                  files -> {
                    files.hostedPath = "/";
                    files.directory = "/web";
                    files.location = Location.CLASSPATH;
                    files.headers = SECURITY_HEADERS;
                  });
              config.routes.get("/api/search", this::search);
              config.routes.get("/api/articles/{id}", this::article);
              config.routes.get("/api/stories/{storyId}", this::story);
              config.routes.get("/api/story-sizes", this::storySizes);
              config.routes.get("/metrics", this::metrics);
              config.routes.get(
                  "/health/live", ctx -> json(ctx, JSON.createObjectNode().put("status", "up")));
              config.routes.get("/health/ready", this::ready);
              config.routes.get("/api/topics", this::topics);
              config.routes.get("/api/sources", this::sources);
              config.routes.get("/feeds/search.atom", this::feed);
              if (extras.alerts() != null) {
                config.routes.sse("/api/alerts/stream", extras.alerts()::add);
              }
              config.routes.before(ctx -> SECURITY_HEADERS.forEach(ctx::header));
              config.routes.exception(
                  BadRequest.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
              config.routes.exception(
                  InvalidQueryException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
              config.routes.exception(
                  IllegalStateException.class,
                  (e, ctx) -> {
                    if (String.valueOf(e.getMessage()).contains("docvalues")) {
                      // An index written before stories were indexed for collapsing: it must be
                      // rebuilt.
                      error(
                          ctx,
                          503,
                          "this index was built by an older Wirewatch and cannot collapse stories: rebuild it"
                              + " (delete the data directory's index/ and run the demo or the indexer again)");
                    } else {
                      LOG.error("search API: {} {} failed", ctx.method(), ctx.path(), e);
                      error(ctx, 500, "internal error: the search failed (see the server log)");
                    }
                  });
              config.routes.exception(
                  Exception.class,
                  (e, ctx) -> {
                    LOG.error("search API: {} {} failed", ctx.method(), ctx.path(), e);
                    error(ctx, 500, "internal error: the search failed (see the server log)");
                  });
            });
  }

  private void metrics(Context ctx) {
    if (extras.metrics() == null) {
      error(ctx, 404, "this server exports no metrics");
      return;
    }
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(extras.metrics().scrape());
  }

  private void ready(Context ctx) throws JsonProcessingException {
    String why = extras.notReady() == null ? null : extras.notReady().get();
    if (why != null) {
      ctx.status(503);
      json(ctx, JSON.createObjectNode().put("status", "not ready").put("reason", why));
      return;
    }
    json(ctx, JSON.createObjectNode().put("status", "ready"));
  }

  /** Starts serving; returns this. */
  public SearchServer start() {
    app.start();
    return this;
  }

  /** The port it listens on. */
  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }

  /** A parameter the client got wrong. */
  static final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
      super(message);
    }
  }

  /**
   * Whether the request comes from another indexer instance fanning a search out: it is answered
   * from this instance's shards alone, and may ask for a deeper page than users may.
   */
  private static boolean isLocal(Context ctx) {
    return "true".equals(ctx.queryParam("local"));
  }

  private Searches searches(Context ctx) {
    return isLocal(ctx) ? local : everywhere;
  }

  private SearchRequest request(Context ctx, SearchRequest.Order order, int defaultSize) {
    int size = integer(ctx, "size", defaultSize);
    if (!isLocal(ctx) && (size < 1 || size > SearchRequest.MAX_SIZE)) {
      throw new BadRequest(
          "size must be between 1 and " + SearchRequest.MAX_SIZE + ", got " + size);
    }
    return new SearchRequest(
        ctx.queryParam("q"),
        values(ctx, "topic"),
        values(ctx, "place"),
        values(ctx, "source"),
        values(ctx, "lang"),
        time(ctx, "from", false),
        time(ctx, "to", true),
        order == null ? order(ctx.queryParam("sort")) : order,
        order == null ? integer(ctx, "page", 1) : 1,
        size,
        collapse(ctx.queryParam("collapse")));
  }

  /**
   * A saved search as an Atom feed: the newest matches (the same parameters as /api/search; page
   * and sort do not apply), so any feed reader can follow a query.
   */
  private void feed(Context ctx) throws IOException, com.rometools.rome.io.FeedException {
    SearchRequest r = request(ctx, SearchRequest.Order.NEWEST, 20);
    SearchPage page = searches(ctx).search(r, Highlight.NONE);
    String base = ctx.scheme() + "://" + ctx.host();
    String self = base + ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
    com.rometools.rome.feed.synd.SyndFeed feed = new com.rometools.rome.feed.synd.SyndFeedImpl();
    feed.setFeedType("atom_1.0");
    feed.setTitle("Wirewatch: " + (r.query().isBlank() ? "newest articles" : r.query()));
    feed.setUri(
        "urn:wirewatch:search:"
            + java.util.UUID.nameUUIDFromBytes(
                self.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    feed.setLink(self);
    com.rometools.rome.feed.synd.SyndLink selfLink =
        new com.rometools.rome.feed.synd.SyndLinkImpl();
    selfLink.setRel("self");
    selfLink.setHref(self);
    feed.setLinks(List.of(selfLink));
    feed.setAuthor("Wirewatch");
    java.util.Date newest = null;
    List<com.rometools.rome.feed.synd.SyndEntry> entries = new java.util.ArrayList<>();
    for (SearchPage.Hit h : page.hits()) {
      SearchHit a = h.article();
      com.rometools.rome.feed.synd.SyndEntry e = new com.rometools.rome.feed.synd.SyndEntryImpl();
      e.setUri("urn:wirewatch:article:" + a.id());
      e.setTitle(a.title() == null || a.title().isBlank() ? "(untitled)" : a.title());
      e.setLink(a.url() != null ? a.url() : base + "/api/articles/" + a.id());
      java.util.Date when = a.publishedAt() == null ? null : java.util.Date.from(a.publishedAt());
      e.setPublishedDate(when);
      e.setUpdatedDate(
          when != null ? when : new java.util.Date()); // Atom requires every entry's updated
      if (when != null && (newest == null || when.after(newest))) {
        newest = when;
      }
      com.rometools.rome.feed.synd.SyndContent summary =
          new com.rometools.rome.feed.synd.SyndContentImpl();
      summary.setType("text/plain");
      summary.setValue(a.snippet());
      e.setDescription(summary);
      java.util.List<com.rometools.rome.feed.synd.SyndCategory> cats = new java.util.ArrayList<>();
      for (String t : a.topics()) {
        com.rometools.rome.feed.synd.SyndCategory c =
            new com.rometools.rome.feed.synd.SyndCategoryImpl();
        c.setName(t);
        cats.add(c);
      }
      e.setCategories(cats);
      entries.add(e);
    }
    feed.setEntries(entries);
    feed.setPublishedDate(newest != null ? newest : new java.util.Date());
    String xml = new com.rometools.rome.io.SyndFeedOutput().outputString(feed);
    ctx.contentType("application/atom+xml; charset=utf-8").result(xml);
  }

  private void search(Context ctx) throws IOException {
    SearchRequest r = request(ctx, null, 10);
    long started = System.nanoTime();
    SearchPage page = searches(ctx).search(r, Highlight.HTML);
    if (extras.metrics() != null) {
      io.micrometer.core.instrument.Timer.builder("wirewatch.search")
          .description("Searches answered by /api/search (local: asked by another instance)")
          .tag("scope", isLocal(ctx) ? "local" : "all")
          .publishPercentileHistogram()
          .register(extras.metrics())
          .record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
    ObjectNode out = JSON.createObjectNode();
    out.put("total", page.total());
    out.put("page", r.page());
    out.put("size", r.size());
    if (!page.unavailable().isEmpty()) {
      // some partitions did not answer: say so rather than pass a partial page off as whole
      out.put("partial", true);
      page.unavailable().forEach(out.putArray("unavailable")::add);
    }
    ArrayNode hits = out.putArray("hits");
    for (SearchPage.Hit h : page.hits()) {
      ObjectNode o = summary(h.article());
      o.put("storySize", h.storySize());
      o.put("score", h.article().score());
      o.put("snippet", h.article().snippet());
      hits.add(o);
    }
    ObjectNode facets = out.putObject("facets");
    for (Map.Entry<String, Map<String, Long>> f : page.facets().entrySet()) {
      ObjectNode dim = facets.putObject(f.getKey());
      f.getValue().forEach(dim::put);
    }
    json(ctx, out);
  }

  private void article(Context ctx) throws IOException {
    SearchHit a = searches(ctx).article(ctx.pathParam("id"));
    if (a == null) {
      error(ctx, 404, "no article with id '" + ctx.pathParam("id") + "'");
      return;
    }
    ObjectNode o = summary(a);
    o.put("text", a.text());
    json(ctx, o);
  }

  private void story(Context ctx) throws IOException {
    List<SearchHit> articles = searches(ctx).story(ctx.pathParam("storyId"), MAX_STORY_ARTICLES);
    if (articles.isEmpty()) {
      error(ctx, 404, "no story with id '" + ctx.pathParam("storyId") + "'");
      return;
    }
    ObjectNode out = JSON.createObjectNode();
    out.put("storyId", ctx.pathParam("storyId"));
    out.put("size", articles.size());
    ArrayNode list = out.putArray("articles");
    articles.forEach(a -> list.add(summary(a)));
    json(ctx, out);
  }

  /** {@code GET /api/story-sizes?id=…&id=…}: articles per story, for up to 1,000 stories. */
  private void storySizes(Context ctx) throws IOException {
    List<String> ids = values(ctx, "id");
    if (ids.size() > MAX_STORY_ARTICLES) {
      throw new BadRequest("at most " + MAX_STORY_ARTICLES + " story ids, got " + ids.size());
    }
    ObjectNode out = JSON.createObjectNode();
    ObjectNode sizes = out.putObject("sizes");
    searches(ctx).storySizes(ids).forEach(sizes::put);
    json(ctx, out);
  }

  private void topics(Context ctx) throws JsonProcessingException {
    Catalog c = extras.catalog() == null ? Catalog.EMPTY : extras.catalog().get();
    ObjectNode out = JSON.createObjectNode();
    out.put("known", extras.catalog() != null);
    ArrayNode topics = out.putArray("topics");
    c.topics().forEach(t -> topics.addObject().put("name", t.name()).put("query", t.query()));
    ArrayNode watches = out.putArray("watches");
    c.watches()
        .forEach(
            w ->
                watches
                    .addObject()
                    .put("name", w.name())
                    .put("query", w.query())
                    .put("delivery", w.detail()));
    json(ctx, out);
  }

  /**
   * Every source: its latest poll status (when the server follows news.source-status) and its
   * article count in the index. Sources known only to one side are listed too.
   */
  private void sources(Context ctx) throws IOException {
    Map<String, Long> counts = searches(ctx).articlesBySource();
    Map<String, ObjectNode> rows = new java.util.TreeMap<>();
    List<SourceStatus> statuses = extras.sources() == null ? List.of() : extras.sources().get();
    for (SourceStatus st : statuses) {
      ObjectNode o = JSON.createObjectNode();
      String id = st.getSourceId().toString();
      o.put("source", id);
      o.put("url", st.getUrl().toString());
      o.put("ok", st.getOk());
      o.put("polledAt", st.getPolledAt().toString());
      o.put(
          "lastSuccessAt", st.getLastSuccessAt() == null ? null : st.getLastSuccessAt().toString());
      o.put("lastErrorAt", st.getLastErrorAt() == null ? null : st.getLastErrorAt().toString());
      o.put("lastError", st.getLastError() == null ? null : st.getLastError().toString());
      o.put("consecutiveFailures", st.getConsecutiveFailures());
      o.put("httpStatus", st.getHttpStatus());
      o.put("newItems", st.getNewItems());
      o.put("updatedItems", st.getUpdatedItems());
      o.put("unchangedItems", st.getUnchangedItems());
      o.put("nextPollAt", st.getNextPollAt().toString());
      rows.put(id, o);
    }
    counts.forEach(
        (source, n) ->
            rows.computeIfAbsent(source, id -> JSON.createObjectNode().put("source", id))
                .put("articles", n));
    ObjectNode out = JSON.createObjectNode();
    out.put("statusKnown", extras.sources() != null);
    ArrayNode list = out.putArray("sources");
    rows.values()
        .forEach(
            o -> {
              if (!o.has("articles")) {
                o.put("articles", 0);
              }
              list.add(o);
            });
    json(ctx, out);
  }

  private static ObjectNode summary(SearchHit h) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", h.id());
    o.put("title", h.title());
    o.put("url", h.url());
    o.put("source", h.source());
    o.put("publishedAt", h.publishedAt() == null ? null : h.publishedAt().toString());
    h.topics().forEach(o.putArray("topics")::add);
    o.withArray("topics");
    h.places().forEach(o.putArray("places")::add);
    o.withArray("places");
    o.put("storyId", h.storyId());
    return o;
  }

  private static void json(Context ctx, ObjectNode body) throws JsonProcessingException {
    ctx.contentType("application/json; charset=utf-8").result(JSON.writeValueAsString(body));
  }

  private static void error(Context ctx, int status, String message) {
    ObjectNode o = JSON.createObjectNode();
    o.put("error", message);
    try {
      ctx.status(status)
          .contentType("application/json; charset=utf-8")
          .result(JSON.writeValueAsString(o));
    } catch (JsonProcessingException e) {
      ctx.status(status).result("{\"error\":\"internal error\"}");
    }
  }

  private static List<String> values(Context ctx, String name) {
    return ctx.queryParams(name).stream().filter(v -> !v.isBlank()).map(String::strip).toList();
  }

  private static int integer(Context ctx, String name, int dflt) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    try {
      return Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      throw new BadRequest(name + " must be a whole number, got '" + clip(v) + "'");
    }
  }

  private static SearchRequest.Order order(String v) {
    if (v == null || v.isBlank()) {
      return SearchRequest.Order.RELEVANCE;
    }
    return switch (v.strip().toLowerCase(Locale.ROOT)) {
      case "relevance" -> SearchRequest.Order.RELEVANCE;
      case "newest" -> SearchRequest.Order.NEWEST;
      default -> throw new BadRequest("sort must be relevance or newest, got '" + clip(v) + "'");
    };
  }

  private static boolean collapse(String v) {
    if (v == null || v.isBlank()) {
      return false;
    }
    if (v.strip().equals("story")) {
      return true;
    }
    throw new BadRequest("collapse can only be 'story', got '" + clip(v) + "'");
  }

  /** An ISO instant, or a date (its start; for {@code to}, its end). */
  private static Instant time(Context ctx, String name, boolean endOfDay) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(v.strip());
    } catch (DateTimeParseException notInstant) {
      try {
        LocalDate d = LocalDate.parse(v.strip());
        return endOfDay
            ? d.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusMillis(1)
            : d.atStartOfDay().toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e) {
        throw new BadRequest(
            name
                + " must be a date (2026-11-28) or an instant (2026-11-28T09:00:00Z), got '"
                + clip(v)
                + "'");
      }
    }
  }

  private static String clip(String v) {
    return v.length() > 80 ? v.substring(0, 80) + "…" : v;
  }
}
