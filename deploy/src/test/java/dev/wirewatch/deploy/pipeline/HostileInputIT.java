package dev.wirewatch.deploy.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.wirewatch.indexer.store.IndexFields;
import dev.wirewatch.indexer.store.ShardedIndex;
import dev.wirewatch.schemas.ArticleIds;
import dev.wirewatch.schemas.RawArticle;
import dev.wirewatch.schemas.TopicAdmin;
import dev.wirewatch.schemas.Topics;
import dev.wirewatch.testlib.TestBroker;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile-input suite, end to end: a feed (with an XXE entity) linking to hostile pages, a feed
 * of 100,000 items and a directory of hostile files go through the real ingester, processor and
 * indexer — all in one {@code wirewatch demo} JVM with a 256 MB heap that exits on an
 * OutOfMemoryError (its GC log in {@code target/hostile-input-gc.log}) — against a broker of its
 * own. Each input must end in the index or in the DLQ with a reason, the run must finish (no
 * stall), and the search API must answer a query of 10,000 clauses with a 400.
 */
class HostileInputIT {
  private static final int HUGE_BYTES = 50 * 1024 * 1024;

  private static final int FEED_ITEMS = 100_000;
  private static final String SECRET = "SECRET-MARKER-7731";

  @TempDir Path brokerDir;
  @TempDir Path work;
  private TestBroker kafka;
  private HttpServer server;
  private Process demo;

  @BeforeEach
  void start() throws IOException {
    kafka = TestBroker.start(brokerDir, 0);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/", this::serve);
    server.start();
  }

  @AfterEach
  void stop() throws Exception {
    if (demo != null) {
      demo.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
    }
    server.stop(0);
    kafka.close();
  }

  private String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private static String article(String what) {
    return "<p>Officials in Port-au-Prince said on Tuesday that the "
        + what
        + " report covered the police mission, its"
        + " funding from Washington and the patrols planned for the coming weeks in the capital.</p>"
        + "<p>The mission's deputy head told reporters that more officers would arrive from Nairobi before the end"
        + " of the month, and that the "
        + what
        + " convoy had reached the port without incident.</p>";
  }

  private void serve(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    switch (path) {
      case "/feed.xml" ->
          send(ex, "application/rss+xml", hostileFeed().getBytes(StandardCharsets.UTF_8));
      case "/items.xml" -> send(ex, "application/rss+xml", hugeFeed());
      case "/p/invalid-utf8" -> {
        byte[] a =
            ("<html><body><article><h1>Invalid bytes</h1>" + article("invalid-bytes"))
                .getBytes(StandardCharsets.UTF_8);
        byte[] bad = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE, (byte) 0xE2, (byte) 0x82};
        byte[] end =
            "<p>Trailing paragraph after the bad bytes.</p></article></body></html>"
                .getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[a.length + bad.length + end.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(bad, 0, all, a.length, bad.length);
        System.arraycopy(end, 0, all, a.length + bad.length, end.length);
        send(ex, "text/html; charset=utf-8", all);
      }
      case "/p/huge" -> {
        ex.getResponseHeaders().set("Content-Type", "text/html");
        ex.sendResponseHeaders(200, HUGE_BYTES);
        byte[] chunk =
            "<p>padding padding padding padding padding padding padding</p>\n"
                .repeat(1024)
                .getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = ex.getResponseBody()) {
          for (long sent = 0; sent < HUGE_BYTES; sent += chunk.length) {
            out.write(chunk, 0, (int) Math.min(chunk.length, HUGE_BYTES - sent));
          }
        } catch (IOException e) {
          // the fetcher hung up at its limit, as it should
        }
      }
      case "/p/deep" -> send(ex, "text/html", deepPage().getBytes(StandardCharsets.UTF_8));
      case "/p/js" -> send(ex, "text/html", jsOnlyPage().getBytes(StandardCharsets.UTF_8));
      case "/p/empty" -> send(ex, "text/html", new byte[0]);
      case "/p/pdf" -> send(ex, "text/html", pdf());
      default -> {
        ex.sendResponseHeaders(404, -1);
        ex.close();
      }
    }
  }

  private static void send(HttpExchange ex, String type, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  private static final List<String> PAGES =
      List.of("invalid-utf8", "huge", "deep", "js", "empty", "pdf");

  private String hostileFeed() {
    StringBuilder b =
        new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"")
            .append(work.resolve("secret.txt").toUri())
            .append("\">]>\n<rss version=\"2.0\"><channel><title>Hostile</title>");
    for (String p : PAGES) {
      b.append("<item><title>Page ")
          .append(p)
          .append("</title><link>")
          .append(base())
          .append("/p/")
          .append(p)
          .append("</link><description>Summary of the ")
          .append(p)
          .append(
              " page: officials in Port-au-Prince spoke of the"
                  + " police mission and its funding.</description></item>");
    }
    // An entry whose whole content carries the external entity: it must be indexed without it
    b.append(
            "<item><title>Entity</title><guid isPermaLink=\"false\">xxe-entry</guid><description><![CDATA[")
        .append(article("entity"))
        .append("]]>&xxe;</description></item>");
    return b.append("</channel></rss>").toString();
  }

  private static byte[] hugeFeed() {
    StringBuilder b =
        new StringBuilder(FEED_ITEMS * 40)
            .append("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Dump</title>");
    for (int i = 0; i < FEED_ITEMS; i++) {
      b.append("<item><title>Item ")
          .append(i)
          .append("</title><guid isPermaLink=\"false\">i")
          .append(i)
          .append("</guid></item>");
    }
    return b.append("</channel></rss>").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static final String RAW_HUGE_ID = ArticleIds.ofSourceKey("direct", "huge");

  /** A page just under what the ingester takes by default (10 MiB). */
  private static final int LARGE_BYTES = 10 * 1024 * 1024 - 64 * 1024;

  /**
   * Publishes a 50 MB page straight to news.raw, to the partition a record keyed {@code nextKey}
   * goes to, with a producer that compresses: the batch keeps to the topic's 16 MB limit while the
   * record does not.
   */
  private void publishRawHuge(Topics topics, String nextKey) throws IOException {
    TopicAdmin.ensureTopics(kafka.bootstrapServers(), topics, (short) 1);
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            ProducerConfig.COMPRESSION_TYPE_CONFIG,
            "zstd",
            ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
            80 * 1024 * 1024,
            ProducerConfig.BUFFER_MEMORY_CONFIG,
            160L * 1024 * 1024,
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true);
    int partition =
        org.apache.kafka.common.utils.Utils.toPositive(
                org.apache.kafka.common.utils.Utils.murmur2(
                    nextKey.getBytes(StandardCharsets.UTF_8)))
            % topics.raw().partitions();
    RawArticle raw =
        RawArticle.newBuilder()
            .setId(RAW_HUGE_ID)
            .setSourceId("direct")
            .setUrl(base() + "/direct/huge")
            .setFetchedAt(java.time.Instant.now())
            .setContentType("text/html")
            .setTitle("Direct huge")
            .setBody(longPage("huge-direct", HUGE_BYTES))
            .setPublishedAt(java.time.Instant.now())
            .setMetadata(Map.of())
            .build();
    try (KafkaProducer<String, RawArticle> producer =
        new KafkaProducer<>(
            config, new StringSerializer(), topics.raw().valueSerde().serializer())) {
      producer
          .send(new ProducerRecord<>(topics.raw().name(), partition, RAW_HUGE_ID, raw))
          .get(2, TimeUnit.MINUTES);
    } catch (java.util.concurrent.ExecutionException
        | java.util.concurrent.TimeoutException
        | InterruptedException e) {
      throw new IOException("could not publish the 50 MB page: " + e, e);
    }
  }

  /** An HTML page of about {@code bytes} characters: a story, then a long account. */
  private static String longPage(String what, int bytes) {
    StringBuilder html =
        new StringBuilder(bytes + 1024)
            .append("<html><body><h1>Long page</h1>")
            .append(article(what));
    for (int i = 0; html.length() < bytes; i++) {
      html.append("<p>Paragraph ")
          .append(i)
          .append(" of the long account: the patrols went out at dawn, the officers kept")
          .append(" their posts and the supplies came in by the northern road.</p>");
    }
    return html.append("</body></html>").toString();
  }

  private static String deepPage() {
    return "<html><body>"
        + "<div>".repeat(10_000)
        + "<h1>Deep page</h1>"
        + article("deeply-nested")
        + "</div>".repeat(10_000)
        + "</body></html>";
  }

  private static String jsOnlyPage() {
    return "<html><head><title>App</title><script src=\"/app.js\"></script></head><body><div id=\"root\"></div>"
        + "<script>window.__STATE__={\"articles\":[]};render(document.getElementById('root'));</script></body></html>";
  }

  private static byte[] pdf() {
    byte[] head =
        "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Length 3000 >>\nstream\n"
            .getBytes(StandardCharsets.ISO_8859_1);
    byte[] stream = new byte[3000];
    new java.util.Random(11).nextBytes(stream);
    byte[] all = java.util.Arrays.copyOf(head, head.length + stream.length);
    System.arraycopy(stream, 0, all, head.length, stream.length);
    return all;
  }

  /** The same hostile inputs as files, as {@code ingest --input} reads them. */
  private Path files() throws IOException {
    Path dir = Files.createDirectories(work.resolve("files"));
    Files.write(
        dir.resolve("invalid-utf8.txt"),
        concat(
            "Invalid bytes in a file\n\nOfficials in Nairobi said".getBytes(StandardCharsets.UTF_8),
            new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xA0, (byte) 0xFF},
            " the police mission would go on.".getBytes(StandardCharsets.UTF_8)));
    try (OutputStream out = Files.newOutputStream(dir.resolve("huge.html"))) {
      byte[] chunk =
          "<p>padding padding padding padding padding padding padding</p>\n"
              .repeat(1024)
              .getBytes(StandardCharsets.UTF_8);
      for (long written = 0; written < HUGE_BYTES; written += chunk.length) {
        out.write(chunk);
      }
    }
    Files.writeString(dir.resolve("deep.html"), deepPage());
    Files.writeString(dir.resolve("js-only.html"), jsOnlyPage());
    Files.write(dir.resolve("empty.html"), new byte[0]);
    Files.write(dir.resolve("pdf.html"), pdf());
    return dir;
  }

  private static byte[] concat(byte[]... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  @Test
  void everyHostileInputEndsInTheIndexOrTheDlqWithAReasonInBoundedMemoryWithoutStalling()
      throws Exception {
    Files.writeString(work.resolve("secret.txt"), SECRET);
    Path files = files();
    Path data = work.resolve("data");
    // Pages up to 20 MB, so that the 100,000-item feed (about 6 MB) is read and taken in slices
    Path sources =
        Files.writeString(
            work.resolve("sources.yaml"),
            """
        settings:
          userAgent: "Wirewatch-test"
          minHostDelay: 0
          maxPageBytes: 20971520
        sources:
          - {id: hostile, url: '%s/feed.xml', allowPrivateNetwork: true}
          - {id: dump, url: '%s/items.xml', allowPrivateNetwork: true, fetchLinkedPages: false}
        """
                .formatted(base(), base()));
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Path log = Path.of("target", "hostile-input-demo.log");
    demo =
        runDemo(
            java,
            "hostile-input",
            "--sources",
            sources.toString(),
            "--input",
            files.toString(),
            "--data-dir",
            data.toString());
    String output = Files.readString(log);
    // 1: inputs were skipped (and said so); 3 would be an OutOfMemoryError, 2 a usage error
    assertThat(demo.exitValue()).as("exit code; output:\n" + tail(output)).isEqualTo(1);

    try (var reader = ShardedIndex.openReader(data.resolve("index"))) {
      IndexSearcher searcher = new IndexSearcher(reader);
      Map<String, String> fate = new LinkedHashMap<>();
      // Pages linked from the hostile feed: each id in the index exactly once, or dead-lettered
      // with a reason
      for (String p : PAGES) {
        fate.put("page " + p, fate(searcher, ArticleIds.ofUrl(base() + "/p/" + p)));
      }
      fate.put("xxe entry", fate(searcher, idOfTitle(searcher, "Entity")));
      for (String f :
          List.of(
              "invalid-utf8.txt",
              "huge.html",
              "deep.html",
              "js-only.html",
              "empty.html",
              "pdf.html")) {
        fate.put("file " + f, fileFate(searcher, files.resolve(f)));
      }
      assertThat(fate)
          .as("where each input ended")
          .allSatisfy((input, where) -> assertThat(where).isNotNull());
      assertThat(fate).containsEntry("page invalid-utf8", "article");
      assertThat(fate)
          .containsEntry(
              "page huge", "article"); // from the feed's summary: the page is over the limit
      assertThat(fate).containsEntry("page deep", "article");
      assertThat(fate.get("page js"))
          .isEqualTo("dlq: no article text left after removing markup and site furniture");
      // A PDF served as HTML: the ingester refuses the page by name and keeps the feed's summary
      assertThat(fate).containsEntry("page pdf", "article");
      assertThat(text(searcher, ArticleIds.ofUrl(base() + "/p/pdf")))
          .startsWith("Summary of the pdf page");
      assertThat(fate).containsEntry("xxe entry", "article");
      assertThat(fate).containsEntry("file invalid-utf8.txt", "article");
      assertThat(fate.get("file huge.html"))
          .contains("file too large: " + Files.size(files.resolve("huge.html")) + " bytes");
      assertThat(Files.size(files.resolve("huge.html"))).isGreaterThanOrEqualTo(HUGE_BYTES);
      assertThat(fate).containsEntry("file deep.html", "article");
      assertThat(fate.get("file js-only.html")).startsWith("dlq: no article text");
      assertThat(fate.get("file empty.html")).endsWith("empty file");
      assertThat(fate.get("file pdf.html")).contains("not text but a PDF document");

      assertThat(text(searcher, ArticleIds.ofUrl(base() + "/p/deep")))
          .contains("deeply-nested report covered the police mission");
      assertThat(text(searcher, ArticleIds.ofUrl(base() + "/p/invalid-utf8")))
          .contains("Trailing paragraph after the bad bytes.");
      assertThat(text(searcher, ArticleIds.ofUrl(base() + "/p/huge")))
          .contains("Summary of the huge page");
      // No external entity was read: the secret is nowhere in the index
      assertThat(searcher.count(new TermQuery(new Term(IndexFields.TEXT, "secret")))).isZero();
      assertThat(searcher.count(new TermQuery(new Term(IndexFields.TEXT, "7731")))).isZero();

      // The feed of 100,000 items: one slice of it this poll, each in the index or the DLQ, the
      // rest untouched
      String dump = "dump";
      java.util.Set<String> dumpIds = new java.util.HashSet<>();
      for (int i = 0; i < FEED_ITEMS; i++) {
        dumpIds.add(ArticleIds.ofSourceKey(dump, "i" + i));
      }
      // Articles of the dump source, and dead letters of its entries: each id once, in one place
      List<String> placed = new ArrayList<>();
      for (ScoreDoc sd :
          searcher.search(
                  kind(IndexFields.KIND_ARTICLE, new TermQuery(new Term(IndexFields.SOURCE, dump))),
                  FEED_ITEMS)
              .scoreDocs) {
        placed.add(searcher.storedFields().document(sd.doc).get(IndexFields.ID));
      }
      for (ScoreDoc sd :
          searcher.search(
                  new TermQuery(new Term(IndexFields.KIND, IndexFields.KIND_DEAD_LETTER)), 10_000)
              .scoreDocs) {
        String id = searcher.storedFields().document(sd.doc).get(IndexFields.DLQ_ARTICLE_ID);
        if (id != null && dumpIds.contains(id)) {
          placed.add(id);
        }
      }
      assertThat(dumpIds).containsAll(placed);
      assertThat(placed).as("entries placed twice").doesNotHaveDuplicates();
      int taken = placed.size();
      assertThat(taken)
          .as("entries of the 100,000-item feed taken in this poll")
          .isEqualTo(dev.wirewatch.ingest.poll.SourcePoller.MAX_ITEMS_PER_POLL);
    }

    // A query of 10,000 clauses to the server of this data directory, in a JVM of its own with the
    // demo's 256 MB heap: a 400 with a one-line reason, and the server goes on answering
    Path serveLog = Path.of("target", "hostile-input-serve.log");
    Process serve =
        new ProcessBuilder(
                java,
                "-Xmx256m",
                "-XX:+ExitOnOutOfMemoryError",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.wirewatch.deploy.cli.Main",
                "serve",
                "--data-dir",
                data.toString(),
                "--port",
                "0")
            .redirectErrorStream(true)
            .redirectOutput(serveLog.toFile())
            .start();
    try {
      Pattern api = Pattern.compile("Search API: (http://\\S+)/api/search");
      String[] root = new String[1];
      dev.wirewatch.testlib.Eventually.until(
          "the server says where it listens",
          Duration.ofMinutes(1),
          () -> {
            assertThat(serve.isAlive()).as("the server is running").isTrue();
            Matcher m = api.matcher(Files.readString(serveLog));
            if (m.find()) {
              root[0] = m.group(1);
            }
            return root[0] != null;
          });
      StringBuilder q = new StringBuilder();
      for (int i = 0; i < 10_000; i++) {
        q.append(i == 0 ? "" : " OR ").append("p").append(i);
      }
      HttpClient client = HttpClient.newHttpClient();
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(
                      URI.create(
                          root[0]
                              + "/api/search?q="
                              + URLEncoder.encode(q.toString(), StandardCharsets.UTF_8)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(400);
      JsonNode body = new ObjectMapper().readTree(r.body());
      assertThat(body.path("error").asText())
          .isEqualTo("query has too many clauses (the limit is 1024)");
      HttpResponse<String> after =
          client.send(
              HttpRequest.newBuilder(URI.create(root[0] + "/api/search?q=nairobi")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(after.statusCode()).as("a plain query after it").isEqualTo(200);
      assertThat(serve.isAlive()).isTrue();
    } finally {
      serve.destroy();
      serve.waitFor(30, TimeUnit.SECONDS);
    }
    assertThat(Files.readString(serveLog)).doesNotContain("Exception", "\tat ");

    // Past the ingester: a 50 MB page straight onto news.raw, from a producer of the test's own
    // that compresses (so the broker takes it), then the next demo run on this data directory.
    // Its one input, a short file, is published to the same partition after it, so the run waits
    // for it. Alone: the Kafka consumer holds such a record twice over before any code of ours
    // sees it, so a 256 MB heap takes one at a time, not several at once.
    Path small = Files.createDirectories(work.resolve("small")).resolve("note.txt");
    Files.writeString(
        small, "A short note\n\nOfficials in Nairobi said the police mission would go on.\n");
    publishRawHuge(Topics.defaults(), fileArticleId(small));
    Process second =
        runDemo(
            java,
            "hostile-input-huge-record",
            "--input",
            small.toString(),
            "--data-dir",
            data.toString());
    assertThat(second.exitValue()).as("exit code of the run after the 50 MB record").isZero();
    // A page as large as the ingester takes (10 MB), through it: the extractor gets the whole
    // page; the article keeps the first million characters of its text
    Path large = Files.createDirectories(work.resolve("large")).resolve("large.html");
    Files.writeString(large, longPage("large-direct", LARGE_BYTES));
    Process third =
        runDemo(
            java,
            "hostile-input-large-page",
            "--input",
            large.toString(),
            "--data-dir",
            data.toString());
    assertThat(third.exitValue()).as("exit code of the run with the 10 MB page").isZero();
    try (var reader = ShardedIndex.openReader(data.resolve("index"))) {
      IndexSearcher searcher = new IndexSearcher(reader);
      assertThat(fate(searcher, RAW_HUGE_ID))
          .as("the 50 MB page published to news.raw")
          .startsWith("dlq: not decoded: a record of ")
          .contains("over the limit of");
      assertThat(fileFate(searcher, small)).isEqualTo("article");
      assertThat(fileFate(searcher, large)).as("the 10 MB page").isEqualTo("article");
      assertThat(text(searcher, fileArticleId(large)))
          .contains("large-direct report covered the police mission")
          .hasSizeBetween(
              dev.wirewatch.processor.clean.ArticleCleaner.MAX_TEXT_CHARS / 2,
              dev.wirewatch.processor.clean.ArticleCleaner.MAX_TEXT_CHARS);
    }
  }

  /**
   * Runs {@code demo --no-serve} with these arguments against the test's broker in a JVM of its own
   * with a 256 MB heap that exits on an OutOfMemoryError; waits for its end. Its output goes to
   * {@code target/<name>-demo.log}, its GC log to {@code target/<name>-gc.log}; neither may show a
   * stack trace.
   */
  private Process runDemo(String java, String name, String... args) throws Exception {
    Path log = Path.of("target", name + "-demo.log");
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "-Xmx256m",
                "-Xlog:gc:file=target/" + name + "-gc.log",
                "-XX:+ExitOnOutOfMemoryError",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.wirewatch.deploy.cli.Main",
                "demo",
                "--no-serve",
                "--bootstrap-servers",
                kafka.bootstrapServers(),
                "--timeout",
                "240"));
    command.addAll(List.of(args));
    Process run =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    demo = run;
    assertThat(run.waitFor(5, TimeUnit.MINUTES))
        .as("the demo finished (no stall); see " + log)
        .isTrue();
    assertThat(Files.readString(log))
        .as(name)
        .doesNotContain("Exception", "\tat ", "OutOfMemoryError");
    return run;
  }

  private static String tail(String s) {
    return s.length() < 4000 ? s : s.substring(s.length() - 4000);
  }

  /** "article", "dlq: reason", or null when the id is nowhere (or in both places). */
  private static String fate(IndexSearcher searcher, String id) throws IOException {
    int articles =
        searcher.count(kind(IndexFields.KIND_ARTICLE, new TermQuery(new Term(IndexFields.ID, id))));
    List<String> reasons = new ArrayList<>();
    for (ScoreDoc sd :
        searcher.search(
                kind(
                    IndexFields.KIND_DEAD_LETTER,
                    new TermQuery(new Term(IndexFields.DLQ_ARTICLE_ID, id))),
                10)
            .scoreDocs) {
      reasons.add(searcher.storedFields().document(sd.doc).get(IndexFields.DLQ_REASON));
    }
    if (articles == 1 && reasons.isEmpty()) {
      return "article";
    }
    if (articles == 0 && reasons.size() == 1) {
      return "dlq: " + reasons.get(0);
    }
    return null;
  }

  /**
   * As {@link #fate}, for a file: by the id the importer gives its content when it was published,
   * and by the path its rejection names when the importer refused it.
   */
  private static String fileFate(IndexSearcher searcher, Path file) throws IOException {
    List<String> rejections = new ArrayList<>();
    for (ScoreDoc sd :
        searcher.search(
                new TermQuery(new Term(IndexFields.KIND, IndexFields.KIND_DEAD_LETTER)), 10_000)
            .scoreDocs) {
      String reason = searcher.storedFields().document(sd.doc).get(IndexFields.DLQ_REASON);
      if (reason != null && reason.startsWith(file + ": ")) {
        rejections.add("dlq: " + reason);
      }
    }
    String published = fate(searcher, fileArticleId(file));
    if (published != null && rejections.isEmpty()) {
      return published;
    }
    return published == null && rejections.size() == 1 ? rejections.get(0) : null;
  }

  /** The id {@code FileImporter} gives a file's article: by its decoded content. */
  private static String fileArticleId(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    if (bytes.length > 10 * 1024 * 1024) {
      return "(too large to have been published)";
    }
    boolean html = file.toString().endsWith(".html");
    String text = dev.wirewatch.ingest.file.TextDecoding.decode(bytes, html).text();
    if (html) {
      return ArticleIds.ofContent("file", null, text);
    }
    String[] lines = text.replace("\r\n", "\n").split("\n", -1);
    int first = 0;
    while (first < lines.length && lines[first].isBlank()) {
      first++;
    }
    String body =
        String.join("\n", java.util.Arrays.asList(lines).subList(first + 1, lines.length)).strip();
    return ArticleIds.ofContent("file", lines[first].strip(), body);
  }

  private static BooleanQuery kind(String kind, org.apache.lucene.search.Query q) {
    return new BooleanQuery.Builder()
        .add(q, BooleanClause.Occur.MUST)
        .add(new TermQuery(new Term(IndexFields.KIND, kind)), BooleanClause.Occur.FILTER)
        .build();
  }

  private static String text(IndexSearcher searcher, String id) throws IOException {
    ScoreDoc[] hits = searcher.search(new TermQuery(new Term(IndexFields.ID, id)), 1).scoreDocs;
    assertThat(hits).as("article " + id).hasSize(1);
    return searcher.storedFields().document(hits[0].doc).get(IndexFields.TEXT);
  }

  private static String idOfTitle(IndexSearcher searcher, String title) throws IOException {
    for (ScoreDoc sd :
        searcher.search(
                new TermQuery(new Term(IndexFields.KIND, IndexFields.KIND_ARTICLE)), 100_000)
            .scoreDocs) {
      Document d = searcher.storedFields().document(sd.doc);
      if (title.equals(d.get(IndexFields.TITLE))) {
        return d.get(IndexFields.ID);
      }
    }
    return "(no article titled " + title + ")";
  }
}
