package dev.wirewatch.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wirewatch.testlib.Eventually;
import dev.wirewatch.testlib.LoopbackHttpServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The serving demo keeps watching: run as a user runs it (its own JVM, {@code --sources FILE}, a
 * feed on 127.0.0.1 polled every 30 s), an entry added to the feed after the start becomes
 * searchable without a restart, and after a restart (SIGTERM, then the same command) nothing is
 * doubled and the source goes on being polled; the alert a watch raised is listed by {@code
 * /api/alerts?watch=} before and after the restart.
 */
class KeepsWatchingIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** The least poll interval a source may have. */
  private static final Duration INTERVAL = Duration.ofSeconds(30);

  @TempDir Path work;
  private final List<String> entries = new CopyOnWriteArrayList<>();
  private final List<String> secondEntries = new CopyOnWriteArrayList<>();
  private LoopbackHttpServer feeds;
  private Process demo;

  @AfterEach
  void stop() throws Exception {
    if (demo != null && demo.isAlive()) {
      demo.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    if (feeds != null) {
      feeds.close();
    }
  }

  private static String entry(String word, int n) {
    String text =
        ("Report "
                + n
                + ": the "
                + word
                + " committee met in Nairobi on Tuesday to discuss the harvest, officials said. ")
            .repeat(6);
    return "<item><title>The "
        + word
        + " committee meets</title><link>https://news.example/"
        + word
        + "</link><guid>"
        + word
        + "</guid><description>"
        + text
        + "</description></item>";
  }

  private String feed() {
    return feedOf(entries);
  }

  private static String feedOf(List<String> items) {
    return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Local</title>"
        + String.join("", items)
        + "</channel></rss>";
  }

  private static int freePort() {
    return dev.wirewatch.testlib.FreePorts.pick();
  }

  private Process start(Path sources, Path watches, Path data, int port, Path log)
      throws IOException {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    return new ProcessBuilder(
            java,
            "-Xmx512m",
            "-cp",
            System.getProperty("java.class.path"),
            "dev.wirewatch.deploy.cli.Main",
            "demo",
            "--port",
            String.valueOf(port),
            "--sources",
            sources.toString(),
            "--watches",
            watches.toString(),
            "--allow-private-network",
            "--data-dir",
            data.toString())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  private static String get(int port, String pathAndQuery) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery)).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static HttpResponse<String> send(
      int port, String method, String path, String token, String body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static List<String> watchIds(int port) throws Exception {
    return JSON.readTree(get(port, "/api/watches")).path("watches").findValuesAsText("id");
  }

  private static JsonNode search(int port, String q) throws Exception {
    return JSON.readTree(
        get(port, "/api/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)));
  }

  private static List<String> alerts(int port, String watch) throws Exception {
    return JSON.readTree(get(port, "/api/alerts?watch=" + watch))
        .path("alerts")
        .findValuesAsText("articleId");
  }

  private void awaitRunning(Path log) {
    Eventually.until(
        "the demo serves (see " + log + ")",
        Duration.ofMinutes(3),
        () -> {
          assertThat(demo.isAlive()).as("demo alive; output:\n" + read(log)).isTrue();
          return read(log).contains("Wirewatch is running");
        });
  }

  private static String read(Path log) throws IOException {
    return Files.exists(log) ? Files.readString(log) : "";
  }

  @Test
  void anEntryAddedWhileServingIsFoundAndARestartDoublesNothing() throws Exception {
    entries.add(entry("zanzibar", 1));
    feeds = new LoopbackHttpServer();
    feeds.route(
        "/feed.xml",
        ex ->
            LoopbackHttpServer.send(
                ex, 200, "application/rss+xml", feed().getBytes(StandardCharsets.UTF_8)));
    feeds.route(
        "/second.xml",
        ex ->
            LoopbackHttpServer.send(
                ex,
                200,
                "application/rss+xml",
                feedOf(secondEntries).getBytes(StandardCharsets.UTF_8)));
    Path sources =
        Files.writeString(
            work.resolve("sources.yaml"),
            """
            settings: {userAgent: "Wirewatch-test", minHostDelay: 0}
            sources:
              - {id: local, url: '%s', pollInterval: 30s, allowPrivateNetwork: true, fetchLinkedPages: false}
            """
                .formatted(feeds.url("/feed.xml")));
    Path watches =
        Files.writeString(
            work.resolve("watches.yaml"),
            """
            targets: [{id: log, type: log}]
            watches: [{id: zanzibar, query: zanzibar, alerts: [new-story], deliver: [log]}]
            """);
    Path data = work.resolve("data");
    int port = freePort();
    Path log = Path.of("target", "keeps-watching-demo.log");
    demo = start(sources, watches, data, port, log);
    awaitRunning(log);
    assertThat(search(port, "zanzibar").path("total").asLong()).isEqualTo(1);
    assertThat(read(log)).contains("Watching 1 source");
    Eventually.until(
        "the watch's alert is listed",
        Duration.ofSeconds(30),
        () -> alerts(port, "zanzibar").size() == 1);

    // A watch through the API: only with the token the demo generated (owner-only file)
    Path tokenFile = data.resolve("api-token");
    assertThat(Files.getPosixFilePermissions(tokenFile))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    String token = Files.readString(tokenFile).strip();
    String pembaWatch =
        "{\"query\": \"pemba\", \"alerts\": [\"new-story\"], \"deliver\": [\"log\"]}";
    HttpResponse<String> refused = send(port, "PUT", "/api/watches/pemba", null, pembaWatch);
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(refused.body()).path("error").asText()).contains("token");
    assertThat(
            send(port, "PUT", "/api/watches/pemba", "wrong-token-0123456789", pembaWatch)
                .statusCode())
        .isEqualTo(401);
    assertThat(watchIds(port)).containsExactly("zanzibar");
    HttpResponse<String> invalid =
        send(
            port,
            "PUT",
            "/api/watches/pemba",
            token,
            "{\"query\": \"pemba\", \"deliver\": [\"nope\"]}");
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(invalid.body()).path("error").asText()).contains("deliver[0]", "nope");
    HttpResponse<String> put = send(port, "PUT", "/api/watches/pemba", token, pembaWatch);
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    assertThat(watchIds(port)).containsExactlyInAnyOrder("zanzibar", "pemba");

    // Added after the first poll: found within one interval plus 10 s, without a restart, and the
    // watch made through the API raises its alert
    entries.add(entry("pemba", 2));
    long added = System.nanoTime();
    Eventually.until(
        "the new entry is searchable",
        INTERVAL.plusSeconds(10),
        () -> search(port, "pemba").path("total").asLong() == 1);
    assertThat(Duration.ofNanos(System.nanoTime() - added)).isLessThan(INTERVAL.plusSeconds(10));
    Eventually.until(
        "the API's watch raised its alert",
        Duration.ofSeconds(30),
        () -> alerts(port, "pemba").size() == 1);
    long feedRequests = feeds.requests().stream().filter(r -> r.path().equals("/feed.xml")).count();
    assertThat(feedRequests).as("polled on its interval, not once").isGreaterThanOrEqualTo(2);

    // A restart: the same command on the same data directory
    demo.destroy(); // SIGTERM: the shutdown hook closes everything
    assertThat(demo.waitFor(60, TimeUnit.SECONDS)).as("the demo stops on SIGTERM").isTrue();
    entries.add(entry("mafia", 3));
    demo = start(sources, watches, data, port, log);
    awaitRunning(log);
    Eventually.until(
        "the entry added while it was down is searchable",
        INTERVAL.plusSeconds(10),
        () -> search(port, "mafia").path("total").asLong() == 1);
    // Every entry once: the restart polled again and published nothing already published
    assertThat(search(port, "committee").path("total").asLong()).isEqualTo(3);
    assertThat(search(port, "zanzibar").path("total").asLong()).isEqualTo(1);
    assertThat(search(port, "pemba").path("total").asLong()).isEqualTo(1);
    // What fired survives the restart (news.alerts is its store), once, and is a feed
    Eventually.until(
        "the alert is listed after the restart",
        Duration.ofSeconds(30),
        () -> alerts(port, "zanzibar").size() == 1);
    assertThat(get(port, "/feeds/watches/zanzibar.atom")).contains("urn:wirewatch:alert:");
    // A source added through the API is polled by the running ingester; the file's are read-only
    secondEntries.add(entry("unguja", 4));
    String second =
        "{\"url\": \"%s\", \"pollInterval\": \"30s\", \"allowPrivateNetwork\": true, \"fetchLinkedPages\": false}"
            .formatted(feeds.url("/second.xml"));
    assertThat(send(port, "PUT", "/api/sources/second", null, second).statusCode()).isEqualTo(401);
    assertThat(send(port, "PUT", "/api/sources/local", token, second).statusCode()).isEqualTo(409);
    HttpResponse<String> badUrl =
        send(port, "PUT", "/api/sources/second", token, "{\"url\": \"ftp://example.org/feed\"}");
    assertThat(badUrl.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(badUrl.body()).path("error").asText()).contains("url");
    HttpResponse<String> addedSource = send(port, "PUT", "/api/sources/second", token, second);
    assertThat(addedSource.statusCode()).as(addedSource.body()).isEqualTo(200);
    Eventually.until(
        "the added source's entry is searchable",
        INTERVAL.plusSeconds(10),
        () -> search(port, "unguja").path("total").asLong() == 1);
    assertThat(send(port, "DELETE", "/api/sources/second", token, null).statusCode())
        .isEqualTo(204);

    // The API's watch survives the restart (news.watches), the file's seed is not written again
    assertThat(watchIds(port)).containsExactlyInAnyOrder("zanzibar", "pemba");
    assertThat(alerts(port, "pemba")).hasSize(1);
    assertThat(send(port, "DELETE", "/api/watches/pemba", null, null).statusCode()).isEqualTo(401);
    assertThat(send(port, "DELETE", "/api/watches/pemba", token, null).statusCode()).isEqualTo(204);
    assertThat(watchIds(port)).containsExactly("zanzibar");
  }
}
