package dev.wirewatch.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.wirewatch.deploy.command.ExitCodes;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code demo --feed} against feeds served from 127.0.0.1 (their linked pages too), run twice on
 * one data directory: the second run must publish nothing already published — with no help from
 * conditional GET, since this server always answers 200 — and a changed entry must be an update,
 * not a new article.
 */
class FeedDemoIT {
  static {
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private static final Path TECHCRUNCH =
      Path.of("..", "..", "shared", "feeds", "feedjira-samples", "TechCrunch.xml");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path data;
  private HttpServer server;
  private final AtomicReference<String> feed = new AtomicReference<>();

  @BeforeEach
  void serve() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        ex -> {
          String path = ex.getRequestURI().getPath();
          byte[] body;
          int status = 200;
          if (path.equals("/feed.xml")) {
            body = feed.get().getBytes(StandardCharsets.UTF_8);
          } else if (path.equals("/first") || path.equals("/second") || path.equals("/third")) {
            body =
                ("<html><body><article><p>"
                        + "The "
                        + path.substring(1)
                        + " story: Kenyan police officers patrolled"
                        + " the capital of Haiti on Tuesday, officials said. ".repeat(8)
                        + "</p></article></body></html>")
                    .getBytes(StandardCharsets.UTF_8);
          } else if (path.equals("/TechCrunch.xml") && Files.exists(TECHCRUNCH)) {
            body = Files.readAllBytes(TECHCRUNCH);
          } else {
            status = 404;
            body = "not found".getBytes(StandardCharsets.UTF_8);
          }
          ex.sendResponseHeaders(status, body.length);
          try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** Three entries with a one-line summary each: the articles come from their linked pages. */
  private String feedOf(String secondTitle) {
    return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Local</title>"
        + "<item><title>First</title><link>"
        + url("/first")
        + "</link><description>Police patrol.</description></item>"
        + "<item><title>"
        + secondTitle
        + "</title><link>"
        + url("/second?utm_source=rss")
        + "</link><description>Police patrol.</description></item>"
        + "<item><title>Third</title><link>"
        + url("/third")
        + "</link><description>Police patrol.</description></item>"
        + "</channel></rss>";
  }

  private record Run(int code, String out, String err) {}

  private Run demo(String feedUrl) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            "demo",
            "--no-serve",
            "--data-dir",
            data.toString(),
            "--allow-private-network",
            "--feed",
            feedUrl);
    return new Run(code, out.toString(), err.toString());
  }

  private long articles() throws Exception {
    StringWriter out = new StringWriter();
    Main.run(
        new PrintWriter(out, true),
        new PrintWriter(new StringWriter(), true),
        "stats",
        "--data-dir",
        data.toString(),
        "--json");
    return JSON.readTree(out.toString()).get("articles").asLong();
  }

  @Test
  void aFeedPolledTwiceAddsNothingTheSecondTimeAndAChangedEntryIsAnUpdate() throws Exception {
    feed.set(feedOf("Second"));
    Run first = demo(url("/feed.xml"));
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.out()).contains("Indexed 3 articles");
    assertThat(first.err()).doesNotContain("could not be fetched");
    assertThat(articles()).isEqualTo(3);

    Run again = demo(url("/feed.xml"));
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(again.out()).contains("Indexed 0 articles");
    assertThat(articles()).isEqualTo(3);

    feed.set(feedOf("Second, updated"));
    Run changed = demo(url("/feed.xml"));
    assertThat(changed.out()).contains("Indexed 1 article ");
    assertThat(articles()).isEqualTo(3);
    StringWriter out = new StringWriter();
    Main.run(
        new PrintWriter(out, true),
        new PrintWriter(new StringWriter(), true),
        "search",
        "--data-dir",
        data.toString(),
        "--json",
        "title:updated");
    String[] hits = out.toString().strip().split("\n");
    assertThat(hits).hasSize(1);
    // The article is the linked page, not the feed's one-line summary.
    assertThat(JSON.readTree(hits[0]).get("text").asText())
        .startsWith("The second story: Kenyan police");
  }

  @Test
  void techCrunchFeedGivesOneArticlePerDistinctEntry() throws Exception {
    dev.wirewatch.testlib.SharedData.require("feeds/feedjira-samples/TechCrunch.xml");
    Run first = demo(url("/TechCrunch.xml"));
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(articles()).isEqualTo(20);
    Run again = demo(url("/TechCrunch.xml"));
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(again.out()).contains("Indexed 0 articles");
    assertThat(articles()).isEqualTo(20);
  }

  @Test
  void aFeedThatCannotBeReadIsReportedAndTheRunFails() {
    Run r = demo(url("/missing.xml"));
    assertThat(r.code()).isEqualTo(ExitCodes.FAILURE);
    assertThat(r.err())
        .contains("skipped " + url("/missing.xml") + ": HTTP 404 from " + url("/missing.xml"));
  }
}
