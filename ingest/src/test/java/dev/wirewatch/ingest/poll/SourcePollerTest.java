package dev.wirewatch.ingest.poll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wirewatch.ingest.fetch.HttpFetcher;
import dev.wirewatch.ingest.source.SourceConfig;
import dev.wirewatch.ingest.source.SourceKind;
import dev.wirewatch.schemas.ArticleIds;
import dev.wirewatch.schemas.RawArticle;
import dev.wirewatch.testlib.LoopbackHttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourcePollerTest {
  private final LoopbackHttpServer server;
  private final Harness h = Harness.fast();

  SourcePollerTest() throws IOException {
    server = new LoopbackHttpServer();
  }

  @AfterEach
  void tearDown() {
    server.close();
    h.close();
  }

  private SourceConfig source(String path) {
    return new SourceConfig(
        "test",
        server.url(path),
        SourceKind.FEED,
        Duration.ofMinutes(5),
        List.of("l1"),
        "en",
        true,
        true);
  }

  private static String rss(String... items) {
    return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title><link>http://example.org/</link>"
        + String.join("", items)
        + "</channel></rss>";
  }

  private static String item(String title, String link, String description) {
    return "<item><title>"
        + title
        + "</title><link>"
        + link
        + "</link><description>"
        + description
        + "</description></item>";
  }

  private static String longText(String word) {
    return (word + " ").repeat(150);
  }

  @Test
  void secondPollOfAnUnchangedFeedGets304AndPublishesNothingAndAChangedEntryIsAnUpdate()
      throws Exception {
    AtomicReference<String> feed =
        new AtomicReference<>(
            rss(
                item("One", server.url("/a1"), "<p>" + longText("alpha") + "</p>"),
                item("Two", server.url("/a2?utm_source=rss"), "<p>" + longText("beta") + "</p>")));
    server.route(
        "/feed.xml",
        ex -> {
          String etag = "\"" + Integer.toHexString(feed.get().hashCode()) + "\"";
          if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
            ex.sendResponseHeaders(304, -1);
            return;
          }
          ex.getResponseHeaders().set("ETag", etag);
          ex.getResponseHeaders().set("Last-Modified", "Sat, 28 Nov 2026 08:00:00 GMT");
          LoopbackHttpServer.send(
              ex, 200, "application/rss+xml", feed.get().getBytes(StandardCharsets.UTF_8));
        });
    server.route("/robots.txt", 404, "text/plain", "");
    SourceConfig s =
        new SourceConfig(
            "test",
            server.url("/feed.xml"),
            SourceKind.FEED,
            Duration.ofMinutes(5),
            List.of(),
            null,
            false,
            true);

    PollOutcome first = h.poller.poll(s);
    assertThat(first).isEqualTo(new PollOutcome(true, 2, 0, 0, 0, null));
    assertThat(h.published)
        .extracting(RawArticle::getUrl)
        .containsExactly(server.url("/a1"), server.url("/a2"));
    assertThat(h.published.get(1).getId()).isEqualTo(ArticleIds.ofUrl(server.url("/a2")));

    PollOutcome second = h.poller.poll(s);
    assertThat(second).isEqualTo(new PollOutcome(true, 0, 0, 0, 0, null));
    assertThat(h.published).hasSize(2);
    LoopbackHttpServer.Request conditional = server.requests("/feed.xml").get(1);
    assertThat(conditional.headers().getFirst("If-None-Match")).isNotNull();
    assertThat(conditional.headers().getFirst("If-Modified-Since"))
        .isEqualTo("Sat, 28 Nov 2026 08:00:00 GMT");
    assertThat(h.statuses.get(1).getHttpStatus()).isEqualTo(304);

    feed.set(
        rss(
            item("One", server.url("/a1"), "<p>" + longText("alpha") + "</p>"),
            item("Two, corrected", server.url("/a2"), "<p>" + longText("beta") + "</p>")));
    PollOutcome third = h.poller.poll(s);
    assertThat(third).isEqualTo(new PollOutcome(true, 0, 1, 1, 0, null));
    assertThat(h.published).hasSize(3);
    assertThat(h.published.get(2).getId()).isEqualTo(h.published.get(1).getId());
    assertThat(h.published.get(2).getTitle()).isEqualTo("Two, corrected");
  }

  @Test
  void aHugeFeedIsTakenInSlicesAndTheNextPollFetchesItWholeNotA304() throws Exception {
    int n = SourcePoller.MAX_ITEMS_PER_POLL + 500;
    StringBuilder items = new StringBuilder();
    for (int i = 0; i < n; i++) {
      items
          .append("<item><title>Item ")
          .append(i)
          .append("</title><guid>g")
          .append(i)
          .append("</guid></item>");
    }
    String feed = rss(items.toString());
    server.route(
        "/huge.xml",
        ex -> {
          if ("\"v1\"".equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
            ex.sendResponseHeaders(304, -1);
            return;
          }
          ex.getResponseHeaders().set("ETag", "\"v1\"");
          LoopbackHttpServer.send(
              ex, 200, "application/rss+xml", feed.getBytes(StandardCharsets.UTF_8));
        });
    server.route("/robots.txt", 404, "text/plain", "");
    SourceConfig s =
        new SourceConfig(
            "huge",
            server.url("/huge.xml"),
            SourceKind.FEED,
            Duration.ofMinutes(5),
            List.of(),
            null,
            false,
            true);

    assertThat(h.poller.poll(s))
        .isEqualTo(new PollOutcome(true, SourcePoller.MAX_ITEMS_PER_POLL, 0, 0, 0, null));
    // The rest comes with the next poll, which must not be answered 304 on the strength of the
    // first
    assertThat(server.requests("/huge.xml").get(0).headers().getFirst("If-None-Match")).isNull();
    assertThat(h.poller.poll(s))
        .isEqualTo(new PollOutcome(true, 500, 0, SourcePoller.MAX_ITEMS_PER_POLL, 0, null));
    assertThat(server.requests("/huge.xml").get(1).headers().getFirst("If-None-Match")).isNull();
    assertThat(h.published).hasSize(n);
    assertThat(h.published.stream().map(RawArticle::getId).distinct().count()).isEqualTo(n);
    // All taken: now the validators are kept and the third poll is a 304
    assertThat(h.poller.poll(s)).isEqualTo(new PollOutcome(true, 0, 0, 0, 0, null));
    assertThat(server.requests("/huge.xml").get(2).headers().getFirst("If-None-Match"))
        .isEqualTo("\"v1\"");
  }

  @Test
  void summaryOnlyEntriesGetTheirLinkedPageAndItsCanonicalUrl() throws Exception {
    server.route("/robots.txt", 404, "text/plain", "");
    server.route(
        "/feed.xml",
        200,
        "application/rss+xml",
        rss(
            item("Kenya", server.url("/story?ref=feed"), "Short summary."),
            item("Gone", server.url("/missing"), "Only a summary.")));
    server.route(
        "/story",
        200,
        "text/html; charset=utf-8",
        "<html><head><link rel=\"canonical\" href=\""
            + server.url("/stories/kenya")
            + "\"></head><body><p>Full story.</p></body></html>");

    PollOutcome o = h.poller.poll(source("/feed.xml"));

    assertThat(o).isEqualTo(new PollOutcome(true, 2, 0, 0, 1, null));
    RawArticle story = h.published.get(0);
    assertThat(story.getId()).isEqualTo(ArticleIds.ofUrl(server.url("/stories/kenya")));
    assertThat(story.getBody()).contains("Full story.");
    assertThat(story.getMetadata())
        .containsEntry("feedSummary", "Short summary.")
        .containsEntry("labels", "l1");
    RawArticle gone = h.published.get(1);
    assertThat(gone.getBody()).isEqualTo("Only a summary.");
    assertThat(gone.getMetadata().get("pageError"))
        .isEqualTo("HTTP 404 from " + server.url("/missing"));
  }

  @Test
  void robotsTxtDisallowIsRespected() throws Exception {
    server.route("/robots.txt", 200, "text/plain", "User-agent: *\nDisallow: /private/\n");
    server.route(
        "/private/feed.xml", 200, "application/rss+xml", rss(item("x", server.url("/x"), "y")));
    server.route(
        "/feed.xml",
        200,
        "application/rss+xml",
        rss(item("Secret", server.url("/private/page"), "summary only")));

    PollOutcome blocked = h.poller.poll(source("/private/feed.xml"));
    assertThat(blocked.ok()).isFalse();
    assertThat(blocked.error())
        .isEqualTo("robots.txt disallows " + server.url("/private/feed.xml"));
    assertThat(server.requests("/private/feed.xml")).isEmpty();

    PollOutcome feed = h.poller.poll(source("/feed.xml"));
    assertThat(feed.pageErrors()).isEqualTo(1);
    assertThat(server.requests("/private/page")).isEmpty();
    assertThat(h.published.get(0).getMetadata().get("pageError"))
        .startsWith("robots.txt disallows");
  }

  @Test
  void anUnreadableRobotsTxtStopsTheSourceAndSaysWhy() throws Exception {
    server.route("/robots.txt", 503, "text/plain", "down");
    server.route("/feed.xml", 200, "application/rss+xml", rss(item("x", server.url("/x"), "y")));
    PollOutcome o = h.poller.poll(source("/feed.xml"));
    assertThat(o.ok()).isFalse();
    // not "disallows": the user must see that robots.txt could not be read, and why
    assertThat(o.error())
        .startsWith("robots.txt could not be read (")
        .contains("503")
        .contains("RFC 9309");
    assertThat(server.requests("/feed.xml")).isEmpty();
  }

  @Test
  void oneRequestAtATimePerHostWithTheMinimumDelayBetween() throws Exception {
    Duration delay = Duration.ofMillis(300);
    try (Harness polite = new Harness(delay, HttpFetcher.Limits.DEFAULTS)) {
      server.route("/robots.txt", 404, "text/plain", "");
      server.route(
          "/feed.xml",
          200,
          "application/rss+xml",
          rss(
              item("1", server.url("/p1"), "s"),
              item("2", server.url("/p2"), "s"),
              item("3", server.url("/p3"), "s")));
      for (String p : List.of("/p1", "/p2", "/p3")) {
        server.route(p, 200, "text/html", "<p>page " + p + "</p>");
      }
      polite.poller.poll(source("/feed.xml"));
      List<LoopbackHttpServer.Request> log = server.requests();
      assertThat(log)
          .extracting(LoopbackHttpServer.Request::path)
          .containsExactly("/robots.txt", "/feed.xml", "/p1", "/p2", "/p3");
      for (int i = 1; i < log.size(); i++) {
        long gapMillis = (log.get(i).startNanos() - log.get(i - 1).endNanos()) / 1_000_000;
        assertThat(gapMillis)
            .as("gap before %s", log.get(i).path())
            .isGreaterThanOrEqualTo(delay.toMillis() - 5);
      }
    }
  }

  @Test
  void privateAndMetadataAddressesAreRefusedUnlessItIsTheSourcesOwnHost() throws Exception {
    try (LoopbackHttpServer other = new LoopbackHttpServer()) {
      other.route("/internal", 200, "text/html", "<p>internal secret</p>");
      server.route("/robots.txt", 404, "text/plain", "");
      server.route(
          "/redirect",
          ex -> {
            ex.getResponseHeaders().set("Location", other.url("/internal"));
            ex.sendResponseHeaders(302, -1);
          });
      server.route(
          "/feed.xml",
          200,
          "application/rss+xml",
          rss(
              item("Metadata", "http://169.254.169.254/latest/meta-data/", "m"),
              item("Other", other.url("/internal"), "o"),
              item("Redirect", server.url("/redirect"), "r")));

      PollOutcome o = h.poller.poll(source("/feed.xml"));

      assertThat(o.pageErrors()).isEqualTo(3);
      assertThat(other.requests()).isEmpty();
      assertThat(h.published)
          .extracting(a -> a.getMetadata().get("pageError"))
          .containsExactly(
              "refused: 169.254.169.254 resolves to 169.254.169.254, a link-local address (cloud metadata lives there)"
                  + " (set allowPrivateNetwork on the source to allow it)",
              "refused: 127.0.0.1 resolves to 127.0.0.1, a loopback address (set allowPrivateNetwork on the source to allow it)",
              "refused: 127.0.0.1 resolves to 127.0.0.1, a loopback address (set allowPrivateNetwork on the source to allow it)");
      assertThat(h.published)
          .allSatisfy(a -> assertThat(a.getBody()).doesNotContain("internal secret"));

      // A source that does not allow private networks cannot reach loopback at all.
      SourceConfig strict =
          new SourceConfig(
              "strict",
              server.url("/feed.xml"),
              SourceKind.FEED,
              Duration.ofMinutes(5),
              List.of(),
              null,
              true,
              false);
      PollOutcome refused = h.poller.poll(strict);
      assertThat(refused.ok()).isFalse();
      assertThat(refused.error())
          .startsWith("refused: 127.0.0.1 resolves to 127.0.0.1, a loopback address");
    }
  }

  @Test
  void externalEntitiesAreNeverResolved(@TempDir Path dir) throws Exception {
    Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-CONTENT");
    server.route("/robots.txt", 404, "text/plain", "");
    server.route(
        "/xxe.xml",
        200,
        "application/rss+xml",
        "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM \""
            + secret.toUri()
            + "\">]>"
            + "<rss version=\"2.0\"><channel><title>t</title><item><title>Leak &xxe;</title>"
            + "<link>"
            + server.url("/a")
            + "</link><description>d &xxe; "
            + longText("x")
            + "</description></item></channel></rss>");
    server.route(
        "/xxe-param.xml",
        200,
        "application/rss+xml",
        "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY % p SYSTEM \""
            + secret.toUri()
            + "\"> %p;]>"
            + "<rss version=\"2.0\"><channel><title>t</title></channel></rss>");
    server.route("/a", 200, "text/html", "<p>page</p>");

    h.poller.poll(source("/xxe.xml"));
    h.poller.poll(source("/xxe-param.xml"));

    assertThat(h.published).isNotEmpty();
    assertThat(h.published)
        .allSatisfy(
            a -> {
              assertThat(a.getBody()).doesNotContain("TOP-SECRET");
              assertThat(String.valueOf(a.getTitle())).doesNotContain("TOP-SECRET");
              assertThat(a.getMetadata().toString()).doesNotContain("TOP-SECRET");
            });
  }

  @Test
  void entityExpansionBombIsRefused() throws Exception {
    StringBuilder dtd = new StringBuilder("<!DOCTYPE rss [<!ENTITY a0 \"lol\">");
    for (int i = 1; i < 12; i++) {
      dtd.append("<!ENTITY a")
          .append(i)
          .append(" \"")
          .append(("&a" + (i - 1) + ";").repeat(10))
          .append("\">");
    }
    dtd.append("]>");
    server.route("/robots.txt", 404, "text/plain", "");
    server.route(
        "/laughs.xml",
        200,
        "application/xml",
        "<?xml version=\"1.0\"?>"
            + dtd
            + "<rss version=\"2.0\"><channel><title>&a11;</title></channel></rss>");
    PollOutcome o = h.poller.poll(source("/laughs.xml"));
    assertThat(o.ok()).isFalse();
    assertThat(o.error()).isEqualTo("refused: the document expands too many XML entities");
  }

  @Test
  void aGzipBombIsCutAtTheLimitWithAClearReason() throws Exception {
    byte[] bomb = gzipOfZeros(1L << 30); // 1 GiB decoded
    assertThat(bomb.length).isLessThan(2 * 1024 * 1024);
    server.route("/robots.txt", 404, "text/plain", "");
    server.route(
        "/bomb.xml",
        ex -> {
          ex.getResponseHeaders().set("Content-Encoding", "gzip");
          LoopbackHttpServer.send(ex, 200, "application/xml", bomb);
        });
    long start = System.nanoTime();
    PollOutcome o = h.poller.poll(source("/bomb.xml"));
    assertThat(o.ok()).isFalse();
    assertThat(o.error())
        .isEqualTo(
            "body of "
                + server.url("/bomb.xml")
                + " exceeds the limit of 5242880 bytes after gzip decoding; cut");
    // A guard against inflating the bomb, not a speed claim: cutting it takes well under a second.
    assertThat((System.nanoTime() - start) / 1_000_000_000.0).as("seconds").isLessThan(30);
  }

  @Test
  void failuresBackOffHonourRetryAfterAndAreRecordedWithoutStoppingOtherSources() throws Exception {
    server.route("/robots.txt", 404, "text/plain", "");
    server.route(
        "/busy.xml",
        ex -> {
          ex.getResponseHeaders().set("Retry-After", "7200");
          LoopbackHttpServer.send(ex, 503, "text/plain", "busy".getBytes(StandardCharsets.UTF_8));
        });
    server.route(
        "/html.xml", 200, "text/html", "<!doctype html><html><body>Not a feed</body></html>");
    server.route(
        "/ok.xml",
        200,
        "application/rss+xml",
        rss(item("ok", server.url("/ok"), longText("fine"))));

    long before = System.currentTimeMillis();
    PollOutcome busy = h.poller.poll(source("/busy.xml"));
    assertThat(busy.error()).isEqualTo("HTTP 503 from " + server.url("/busy.xml"));
    assertThat(h.state.pollState("test").consecutiveFailures()).isEqualTo(1);
    assertThat(h.state.pollState("test").nextDueMillis() - before)
        .isGreaterThanOrEqualTo(7_200_000 - 1000);
    assertThat(h.statuses.get(0).getOk()).isFalse();
    assertThat(h.statuses.get(0).getHttpStatus()).isEqualTo(503);
    assertThat(h.statuses.get(0).getLastError()).isEqualTo(busy.error());

    SourceConfig html =
        new SourceConfig(
            "html",
            server.url("/html.xml"),
            SourceKind.FEED,
            Duration.ofMinutes(5),
            List.of(),
            null,
            true,
            true);
    assertThat(h.poller.poll(html).error()).isEqualTo("not a feed: an HTML page");
    assertThat(h.poller.poll(html).error()).isEqualTo("not a feed: an HTML page");
    assertThat(h.state.pollState("html").consecutiveFailures()).isEqualTo(2);
    // One dead letter per failure streak, not per poll
    assertThat(h.sink.rejected)
        .extracting(r -> r.where() + " " + r.reason())
        .containsExactly(
            server.url("/busy.xml")
                + " source test failed: HTTP 503 from "
                + server.url("/busy.xml"),
            server.url("/html.xml") + " source html failed: not a feed: an HTML page");

    SourceConfig ok =
        new SourceConfig(
            "ok",
            server.url("/ok.xml"),
            SourceKind.FEED,
            Duration.ofMinutes(5),
            List.of(),
            null,
            true,
            true);
    assertThat(h.poller.poll(ok).newItems()).isEqualTo(1);
  }

  @Test
  void newsSitemapsAndSitemapIndexesAreFollowed() throws Exception {
    server.route("/robots.txt", 404, "text/plain", "");
    server.route(
        "/index.xml",
        200,
        "application/xml",
        "<?xml version=\"1.0\"?><sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
            + "<sitemap><loc>"
            + server.url("/news.xml")
            + "</loc></sitemap></sitemapindex>");
    server.route(
        "/news.xml",
        200,
        "application/xml",
        "<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\""
            + " xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\"><url><loc>"
            + server.url("/n1")
            + "</loc>"
            + "<news:news><news:publication><news:name>Example</news:name><news:language>en</news:language></news:publication>"
            + "<news:publication_date>2024-03-04T10:00:00Z</news:publication_date><news:title>Kenya police deploy</news:title>"
            + "</news:news></url></urlset>");
    server.route("/n1", 200, "text/html", "<html><body><p>The article.</p></body></html>");
    SourceConfig s =
        new SourceConfig(
            "sm",
            server.url("/index.xml"),
            SourceKind.SITEMAP,
            Duration.ofMinutes(5),
            List.of(),
            null,
            true,
            true);

    PollOutcome o = h.poller.poll(s);

    assertThat(o).isEqualTo(new PollOutcome(true, 1, 0, 0, 0, null));
    RawArticle a = h.published.get(0);
    assertThat(a.getTitle()).isEqualTo("Kenya police deploy");
    assertThat(a.getPublishedAt()).isEqualTo(java.time.Instant.parse("2024-03-04T10:00:00Z"));
    assertThat(a.getBody()).contains("The article.");
  }

  @Test
  void aSinglePageSourceIsPublishedOnceUntilItChanges() throws Exception {
    AtomicReference<String> page =
        new AtomicReference<>("<html><body><p>Version one.</p></body></html>");
    server.route("/robots.txt", 404, "text/plain", "");
    server.route(
        "/article",
        ex ->
            LoopbackHttpServer.send(
                ex, 200, "text/html", page.get().getBytes(StandardCharsets.UTF_8)));
    SourceConfig s =
        new SourceConfig(
            "page",
            server.url("/article"),
            SourceKind.PAGE,
            Duration.ofMinutes(5),
            List.of(),
            null,
            true,
            true);
    assertThat(h.poller.poll(s).newItems()).isEqualTo(1);
    assertThat(h.poller.poll(s).unchangedItems()).isEqualTo(1);
    page.set("<html><body><p>Version two.</p></body></html>");
    assertThat(h.poller.poll(s).updatedItems()).isEqualTo(1);
    assertThat(h.published).hasSize(2);
    assertThat(h.published.get(0).getId()).isEqualTo(h.published.get(1).getId());
  }

  @Test
  void redirectsAreFollowedAtMostFiveTimes() throws Exception {
    server.route("/robots.txt", 404, "text/plain", "");
    for (int i = 0; i < 7; i++) {
      String next = server.url("/r" + (i + 1));
      server.route(
          "/r" + i,
          ex -> {
            ex.getResponseHeaders().set("Location", next);
            ex.sendResponseHeaders(301, -1);
          });
    }
    server.route(
        "/r5", 200, "application/rss+xml", rss(item("End", server.url("/end"), longText("end"))));
    assertThat(h.poller.poll(source("/r0")).ok()).isTrue();
    PollOutcome tooMany =
        h.poller.poll(
            new SourceConfig(
                "far",
                server.url("/r1"),
                SourceKind.FEED,
                Duration.ofMinutes(5),
                List.of(),
                null,
                true,
                true));
    assertThat(tooMany.ok()).isTrue(); // r1..r5 is four redirects
    server.route(
        "/r5",
        ex -> {
          ex.getResponseHeaders().set("Location", server.url("/r6"));
          ex.sendResponseHeaders(301, -1);
        });
    PollOutcome loop =
        h.poller.poll(
            new SourceConfig(
                "loop",
                server.url("/r0"),
                SourceKind.FEED,
                Duration.ofMinutes(5),
                List.of(),
                null,
                true,
                true));
    assertThat(loop.error()).isEqualTo("more than 5 redirects from " + server.url("/r0"));
  }

  @Test
  void aServerThatTricklesItsBodyIsCutAtTheTotalTimeout() throws Exception {
    HttpFetcher.Limits quick =
        new HttpFetcher.Limits(Duration.ofSeconds(2), Duration.ofSeconds(2), 5L << 20, 5);
    try (Harness slow = new Harness(Duration.ZERO, quick)) {
      server.route("/robots.txt", 404, "text/plain", "");
      server.route(
          "/slow.xml",
          ex -> {
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
              for (int i = 0; i < 100; i++) {
                out.write("<".getBytes(StandardCharsets.UTF_8));
                out.flush();
                Thread.sleep(100);
              }
            } catch (InterruptedException | IOException e) {
              // the client hung up: expected
            }
          });
      long start = System.nanoTime();
      PollOutcome o = slow.poller.poll(source("/slow.xml"));
      double seconds = (System.nanoTime() - start) / 1e9;
      assertThat(o.ok()).isFalse();
      assertThat(o.error()).startsWith("timed out");
      assertThat(seconds).isLessThan(20); // the 2 s limit held, with room for a loaded machine
    }
  }

  @Test
  void backoffDoublesPerFailureUpToTheCap() {
    Duration interval = Duration.ofMinutes(5);
    long one = h.poller.backoff(interval, 1).toMillis();
    long three = h.poller.backoff(interval, 3).toMillis();
    assertThat(one).isBetween(240_000L, 360_000L);
    assertThat(three).isBetween(960_000L, 1_440_000L);
    assertThat(h.poller.backoff(interval, 40)).isLessThanOrEqualTo(Duration.ofMinutes(432));
  }

  /**
   * A gzip stream of {@code bytes} zeros: concatenated members of 16 MiB each (RFC 1952 allows it).
   */
  static byte[] gzipOfZeros(long bytes) throws IOException {
    int member = 16 << 20;
    ByteArrayOutputStream one = new ByteArrayOutputStream();
    try (OutputStream gz =
        new GZIPOutputStream(one, 1 << 16) {
          {
            def.setLevel(Deflater.BEST_COMPRESSION);
          }
        }) {
      gz.write(new byte[member]);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (long written = 0; written < bytes; written += member) {
      out.write(one.toByteArray());
    }
    return out.toByteArray();
  }
}
