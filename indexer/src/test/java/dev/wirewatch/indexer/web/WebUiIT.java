package dev.wirewatch.indexer.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wirewatch.indexer.store.ArticleIndex;
import dev.wirewatch.indexer.web.alerts.AlertBroadcaster;
import dev.wirewatch.indexer.web.alerts.AlertLog;
import dev.wirewatch.indexer.web.app.WebApp;
import dev.wirewatch.indexer.web.catalog.Catalog;
import dev.wirewatch.indexer.web.watches.WatchRegistry;
import dev.wirewatch.schemas.Alert;
import dev.wirewatch.schemas.Article;
import dev.wirewatch.schemas.SourceStatus;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web UI in a real browser: headless Chromium (Debian's {@code chromium} and {@code
 * chromium-driver}, which {@code .ci/run} installs) driven by Selenium, against the real server
 * over a real Lucene index on loopback. Search, filter by a facet, open a story's timeline, see a
 * live alert arrive, the topics and sources pages, and hostile article HTML shown as text.
 * Screenshots go to {@code target/ui/}. Skipped, saying why, where Chromium is not installed.
 */
class WebUiIT {
  private static final Path CHROMIUM =
      Path.of(System.getProperty("wirewatch.chromium", "/usr/bin/chromium"));
  private static final Path DRIVER =
      Path.of(System.getProperty("wirewatch.chromedriver", "/usr/bin/chromedriver"));
  private static final Path SHOTS = Path.of("target", "ui");
  private static final Path DOWNLOADS = SHOTS.resolve("downloads");
  private static final String HOSTILE_TITLE = "Hostile <b>title</b> <img src=x onerror=alert(1)>";

  @TempDir static Path dir;
  private static ArticleIndex index;
  private static WebServer server;
  private static AlertBroadcaster alerts;
  private static WebDriver browser;
  private static WebDriverWait wait;

  private static Article article(
      String id,
      String story,
      String title,
      String text,
      String source,
      String published,
      List<String> topics,
      List<String> places) {
    return Article.newBuilder()
        .setId(id)
        .setSourceId(source)
        .setTitle(title)
        .setText(text)
        .setLanguage("en")
        .setUrl("https://news.example/" + id)
        .setPublishedAt(Instant.parse(published))
        .setTopics(topics)
        .setPlaces(places)
        .setStoryId(story)
        .setIngestedAt(Instant.parse(published))
        .setProcessedAt(Instant.parse(published))
        .build();
  }

  @BeforeAll
  static void start() throws Exception {
    boolean chromium = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
    if (!chromium && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("CI has no Chromium at " + CHROMIUM + ": .ci/run installs it");
    }
    Assumptions.assumeTrue(
        chromium,
        "headless Chromium is not installed here ("
            + CHROMIUM
            + ", "
            + DRIVER
            + "): apt-get install chromium chromium-driver (.ci/run does)");
    index = ArticleIndex.open(dir);
    for (Article a :
        List.of(
            article(
                "k1",
                "s1",
                "Kenyan police land in Haiti",
                "The Kenyan police mission arrived in Port-au-Prince.",
                "wire",
                "2026-11-01T10:00:00Z",
                List.of("haiti", "kenya"),
                List.of("HT", "KE")),
            article(
                "k2",
                "s1",
                "Kenyan police arrive in Haiti",
                "The Kenyan police mission arrived in Port-au-Prince on Monday.",
                "blog",
                "2026-11-01T12:00:00Z",
                List.of("haiti", "kenya"),
                List.of("HT", "KE")),
            article(
                "k3",
                "s2",
                "Kenya budget",
                "Kenya's parliament passed the budget; police funding rose.",
                "wire",
                "2026-11-03T09:00:00Z",
                List.of("kenya"),
                List.of("KE")),
            article(
                "x1",
                "s4",
                HOSTILE_TITLE,
                "Kenya <script>alert('x')</script> & <img src=x onerror=alert(2)> police.",
                "wire",
                "2026-10-30T08:00:00Z",
                List.of("kenya"),
                List.of("KE")),
            // a story of two reports and a copy of the first (no word the other tests search)
            article(
                "f1",
                "s5",
                "Flood waters rise in Jakarta suburbs",
                "Rivers burst their banks in the east of the city overnight.",
                "daily",
                "2026-11-02T06:00:00Z",
                List.of(),
                List.of()),
            article(
                "f2",
                "s5",
                "Thousands evacuated as Jakarta floods spread",
                "Rescue teams moved families from low-lying districts on Tuesday.",
                "tribune",
                "2026-11-02T09:00:00Z",
                List.of(),
                List.of()),
            Article.newBuilder(
                    article(
                        "f1c",
                        "s5",
                        "Flood waters rise in Jakarta suburbs",
                        "Rivers burst their banks in the east of the city overnight.",
                        "syndicate",
                        "2026-11-02T07:00:00Z",
                        List.of(),
                        List.of()))
                .setCopyOf("f1")
                .build())) {
      index.upsert(a);
    }
    // imported from a file: no URL; its text has the slashes the highlighter escapes
    index.upsert(
        Article.newBuilder(
                article(
                    "n1",
                    "s9",
                    "Treasury bonds fall",
                    "Treasury bonds fell, down 1-3/32 to 95-1/32, dealers said.",
                    "file",
                    "2026-10-01T10:00:00Z",
                    List.of(),
                    List.of()))
            .setUrl(null)
            .build());
    // undated: imported without a date; in no day of the histogram, counted apart
    index.upsert(
        Article.newBuilder(
                article(
                    "u1",
                    "s10",
                    "Undated note on coffee prices",
                    "Coffee prices were steady.",
                    "file",
                    "2026-11-20T10:00:00Z",
                    List.of(),
                    List.of()))
            .setUrl(null)
            .setPublishedAt(null)
            .build());
    // eleven outlets, more than a facet shows before "more…"
    for (int i = 0; i < 11; i++) {
      index.upsert(
          article(
              "m" + i,
              "sm" + i,
              "Market report " + i,
              "Grain markets were quiet in session " + i + ".",
              "outlet-" + i,
              "2026-10-2" + (i % 5) + "T09:00:00Z",
              List.of(),
              List.of()));
    }
    index.commit(Map.of());
    index.refresh();
    alerts = new AlertBroadcaster();
    Catalog catalog =
        new Catalog(
            List.of(
                new Catalog.Entry("haiti", "place:ht", null),
                new Catalog.Entry("kenya", "place:ke", null)),
            List.of(
                new Catalog.Entry(
                    "kenya-haiti", "kenya AND haiti", "new-story, burst → log (log)")));
    SourceStatus wire =
        SourceStatus.newBuilder()
            .setSourceId("wire")
            .setUrl("https://wire.example/feed.xml")
            .setPolledAt(Instant.parse("2026-11-03T09:05:00Z"))
            .setOk(false)
            .setLastSuccessAt(Instant.parse("2026-11-03T08:05:00Z"))
            .setLastErrorAt(Instant.parse("2026-11-03T09:05:00Z"))
            .setLastError("HTTP 503 <script>x</script>")
            .setConsecutiveFailures(1)
            .setHttpStatus(503)
            .setNewItems(0)
            .setUpdatedItems(0)
            .setUnchangedItems(0)
            .setNextPollAt(Instant.parse("2026-11-03T09:10:00Z"))
            .build();
    AlertLog history = new AlertLog();
    for (int i = 1; i <= 2; i++) {
      history.add(
          Alert.newBuilder()
              .setId("h" + i)
              .setWatchId("kenya-haiti")
              .setKind("new-story")
              .setStoryId("s" + i)
              .setArticleId("a" + i)
              .setTitle(i == 1 ? "Earlier alert" : "Latest <img src=x onerror=alert(1)> alert")
              .setDetail("first article of a new story")
              .setMatchedAt(Instant.parse("2026-11-0" + i + "T10:00:00Z"))
              .build());
    }
    server =
        WebApp.builder(SearchScope.single(index.searcherManager()))
            .alerts(alerts)
            .alertHistory(history)
            .watches(WATCHES, new WriteToken(TOKEN))
            .catalog(() -> catalog)
            .sourceStatus(() -> List.of(wire))
            .build("127.0.0.1", 0)
            .start();
    Files.createDirectories(SHOTS);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1400,1000");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(DRIVER.toFile())
            .usingAnyFreePort()
            .build();
    Files.createDirectories(DOWNLOADS);
    options.setExperimentalOption(
        "prefs",
        Map.of(
            "download.default_directory",
            DOWNLOADS.toAbsolutePath().toString(),
            "download.prompt_for_download",
            false));
    browser = new ChromeDriver(service, options);
    wait = new WebDriverWait(browser, Duration.ofSeconds(20));
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.close();
    }
    if (index != null) {
      index.close();
    }
  }

  private static String base() {
    return "http://127.0.0.1:" + server.port() + "/";
  }

  private static void screenshot(String name) throws Exception {
    File f = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(
        f.toPath(),
        SHOTS.resolve(name + ".png"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  private static List<WebElement> hits() {
    return browser.findElements(By.cssSelector("#results li.hit"));
  }

  @Test
  void searchFilterByFacetStoryTimelineAndLiveAlert() throws Exception {
    browser.get(base());
    WebElement q = wait.until(ExpectedConditions.elementToBeClickable(By.id("q")));
    q.sendKeys("police");
    browser.findElement(By.cssSelector("#search-form button[type=submit]")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "4 articles"));
    assertThat(hits()).hasSize(4);
    assertThat(browser.findElements(By.cssSelector("#results .snippet mark"))).isNotEmpty();
    // a real time axis: 30 October to 3 November is five bars, the two empty days included
    List<WebElement> bars =
        browser
            .findElement(By.cssSelector("#histogram .bars"))
            .findElements(By.cssSelector(".bar"));
    assertThat(bars).hasSize(5);
    assertThat(bars.stream().mapToLong(b -> Long.parseLong(b.getAttribute("data-count"))).sum())
        .isEqualTo(4);
    assertThat(browser.findElements(By.cssSelector("#histogram .bar.empty"))).hasSize(2);

    // the hostile title and text are shown as text: no element from them, no script run
    assertThat(browser.findElement(By.id("results")).getText()).contains(HOSTILE_TITLE);
    assertThat(browser.findElements(By.cssSelector("#results b, #results img, #results script")))
        .isEmpty();
    assertNoDialog();

    // languages are shown by name
    assertThat(
            browser
                .findElement(By.cssSelector("[data-facet=languages] button[data-value=en]"))
                .getText())
        .startsWith("English (en)");

    // filter by a facet: topic haiti
    browser.findElement(By.cssSelector("[data-facet=topics] button[data-value=haiti]")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "2 articles"));
    assertThat(browser.findElement(By.id("filters")).getText()).contains("topic: haiti");
    assertThat(hits()).extracting(WebElement::getText).allMatch(t -> t.contains("Haiti"));
    screenshot("search-filtered");

    // a live alert arrives while the page is open
    wait.until(d -> alerts.clients() > 0);
    alerts.publish(
        "{\"id\":\"a1\",\"watchId\":\"kenya-haiti\",\"kind\":\"new-story\",\"storyId\":\"s1\","
            + "\"articleId\":\"k1\",\"title\":\"Kenyan police land in Haiti <i>live</i>\",\"url\":null,"
            + "\"detail\":\"first article of a new story\",\"matchedAt\":\"2026-11-01T10:00:01Z\"}");
    WebElement alert =
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#alerts li.alert")));
    assertThat(alert.getText())
        .contains("kenya-haiti")
        .contains("Kenyan police land in Haiti <i>live</i>");
    assertThat(browser.findElements(By.cssSelector("#alerts i"))).isEmpty();
    screenshot("alert-arrived");

    // the story's timeline: both articles, oldest first
    browser.findElement(By.cssSelector("#results a.story-link")).click();
    wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#timeline li.event"), 2));
    List<String> events =
        browser.findElements(By.cssSelector("#timeline li.event .event-title")).stream()
            .map(WebElement::getText)
            .toList();
    assertThat(events)
        .containsExactly("Kenyan police land in Haiti", "Kenyan police arrive in Haiti");
    assertThat(browser.findElement(By.id("story-summary")).getText())
        .contains("2 articles from 2 sources");
    screenshot("story-timeline");
  }

  @Test
  void aStoryPageShowsItsFirstReportItsSourcesAndFoldsCopies() throws Exception {
    browser.get(base() + "#/story/s5");
    wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#timeline li.event"), 2));
    assertThat(browser.findElement(By.id("story-summary")).getText())
        .contains("2 articles and 1 copy from 3 sources");
    assertThat(browser.findElement(By.id("story-first")).getText())
        .contains("First report")
        .contains("Flood waters rise in Jakarta suburbs")
        .contains("daily");
    assertThat(
            browser.findElements(By.cssSelector("#timeline li.event .event-title")).stream()
                .map(WebElement::getText)
                .toList())
        .containsExactly(
            "Flood waters rise in Jakarta suburbs", "Thousands evacuated as Jakarta floods spread");
    WebElement copies = browser.findElement(By.cssSelector("#timeline li.event details.copies"));
    assertThat(copies.getText()).contains("and 1 copy");
    copies.findElement(By.tagName("summary")).click();
    assertThat(copies.findElement(By.cssSelector("li a")).getText()).isEqualTo("syndicate");
    assertThat(browser.findElements(By.cssSelector("#story-sources li")))
        .extracting(WebElement::getText)
        .containsExactlyInAnyOrder("daily (1)", "tribune (1)", "syndicate (1)");
    screenshot("story-page");
  }

  @Test
  void topicsWatchesAndSourcesPages() throws Exception {
    browser.get(base() + "#/topics");
    wait.until(
        ExpectedConditions.numberOfElementsToBe(By.cssSelector("#topics-table tbody tr"), 2));
    String topics = browser.findElement(By.id("topics-table")).getText();
    assertThat(topics).contains("haiti").contains("place:ht").contains("kenya");
    assertThat(browser.findElement(By.id("watches-table")).getText())
        .contains("kenya-haiti")
        .contains("kenya AND haiti");

    browser.findElement(By.id("nav-sources")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("sources-table"), "wire.example"));
    String sources = browser.findElement(By.id("sources-table")).getText();
    assertThat(sources).contains("wire").contains("HTTP 503 <script>x</script>").contains("blog");
    assertThat(browser.findElements(By.cssSelector("#sources-table script"))).isEmpty();
    screenshot("sources");
    assertNoDialog();
  }

  @Test
  void aWatchsAlertsAreListedNewestFirstWithItsFeed() throws Exception {
    browser.get(base() + "#/topics");
    wait.until(ExpectedConditions.elementToBeClickable(By.linkText("kenya-haiti"))).click();
    wait.until(
        ExpectedConditions.numberOfElementsToBe(By.cssSelector("#alerts-table tr.alert-row"), 2));
    assertThat(browser.getCurrentUrl()).endsWith("#/alerts?watch=kenya-haiti");
    assertThat(browser.findElement(By.id("nav-alerts")).getAttribute("class")).contains("current");
    List<WebElement> rows = browser.findElements(By.cssSelector("#alerts-table tr.alert-row"));
    assertThat(rows.get(0).getText()).contains("Latest <img src=x onerror=alert(1)> alert");
    assertThat(rows.get(1).getText()).contains("Earlier alert");
    assertThat(browser.findElements(By.cssSelector("#alerts-table img"))).isEmpty();
    assertThat(browser.findElement(By.id("alerts-feed")).getAttribute("href"))
        .endsWith("/feeds/watches/kenya-haiti.atom");
    screenshot("alerts");
    assertNoDialog();
  }

  /** The API's side of the form (the store itself is WatchStoreIT's): watches in a map. */
  static final class MapWatches implements WatchRegistry {
    final Map<String, ObjectNode> byId = new java.util.concurrent.ConcurrentSkipListMap<>();

    @Override
    public List<ObjectNode> list() {
      return List.copyOf(byId.values());
    }

    @Override
    public ObjectNode put(String id, String body) {
      ObjectNode w;
      try {
        w = (ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
      } catch (Exception e) {
        throw new InvalidWatch("not JSON");
      }
      if (w.path("query").asText().isBlank()) {
        throw new InvalidWatch("watch '" + id + "': query: missing");
      }
      w.put("id", id);
      byId.put(id, w);
      return w;
    }

    @Override
    public boolean delete(String id) {
      return byId.remove(id) != null;
    }
  }

  private static final String TOKEN = "ui-test-token-0123456789";
  private static final MapWatches WATCHES = new MapWatches();

  static {
    WATCHES.put(
        "kenya-haiti",
        "{\"query\": \"kenya AND haiti\", \"alerts\": [\"new-story\", \"burst\"], \"deliver\": [\"log\"]}");
  }

  @Test
  void aWatchIsCreatedTestedAndDeletedThroughTheForm() throws Exception {
    browser.get(base() + "#/topics");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("watch-form")));
    browser.findElement(By.id("watch-id")).sendKeys("haiti-police");
    browser.findElement(By.id("watch-query")).sendKeys("police");
    browser.findElement(By.id("watch-places")).sendKeys("HT");
    browser.findElement(By.id("watch-test")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("watch-status"), "In the last 7 days this query matched"));

    browser.findElement(By.id("watch-token")).sendKeys("not-the-token-0123456789");
    browser.findElement(By.id("watch-save")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("watch-status"), "Not saved: wrong API token"));
    assertThat(WATCHES.byId).doesNotContainKey("haiti-police");

    browser.findElement(By.id("watch-token")).clear();
    browser.findElement(By.id("watch-token")).sendKeys(TOKEN);
    browser.findElement(By.id("watch-save")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("watches-table"), "haiti-police"));
    assertThat(browser.findElement(By.id("watch-status")).getText()).contains("Saved");
    assertThat(WATCHES.byId.get("haiti-police").path("places").toString()).isEqualTo("[\"HT\"]");
    assertThat(WATCHES.byId.get("haiti-police").path("deliver").toString()).isEqualTo("[\"log\"]");
    screenshot("watch-form");

    WebElement row =
        browser.findElements(By.cssSelector("#watches-table tbody tr")).stream()
            .filter(r -> r.getText().contains("haiti-police"))
            .findFirst()
            .orElseThrow();
    row.findElement(By.xpath(".//button[text()='Delete']")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("watch-status"), "Deleted “haiti-police”"));
    assertThat(WATCHES.byId).doesNotContainKey("haiti-police");
    assertNoDialog();
  }

  @Test
  void articlePageLinksAreLinksAndSnippetsReadAsWritten() throws Exception {
    browser.get(base() + "#/?q=bonds");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "1 article"));
    String results = browser.findElement(By.id("results")).getText();
    assertThat(results).contains("down 1-3/32 to 95-1/32").doesNotContain("&#x2F;", "&#47;");

    browser.get(base() + "#/article/n1");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("article-title"), "Treasury bonds fall"));
    String meta = browser.findElement(By.id("article-meta")).getText();
    assertThat(meta).doesNotContain("null", ",http", "[object");
    assertThat(browser.findElements(By.id("article-original"))).isEmpty(); // no URL: no link
    screenshot("article-without-url");

    browser.get(base() + "#/article/k1");
    WebElement original =
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("article-original")));
    assertThat(original.getTagName()).isEqualTo("a");
    assertThat(original.getAttribute("href")).isEqualTo("https://news.example/k1");
    // a story of two: its timeline is a link, saying its size
    WebElement story =
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("article-story")));
    assertThat(story.getTagName()).isEqualTo("a");
    assertThat(story.getAttribute("href")).endsWith("#/story/s1");
    assertThat(story.getText()).isEqualTo("story timeline: 2 articles from 2 sources");
    assertThat(leakedEscapes()).isEmpty();
    // the article alone in its story: no timeline link, once the page has decided
    browser.get(base() + "#/article/n1");
    wait.until(ExpectedConditions.attributeToBe(By.id("article-meta"), "data-story-size", "1"));
    assertThat(browser.findElements(By.id("article-story"))).isEmpty();
    assertNoDialog();
  }

  @Test
  void withoutTheRunningPipelineLiveAlertsSaySoAndDoNotRetry() throws Exception {
    try (WebServer bare =
        WebApp.builder(SearchScope.single(index.searcherManager())).build("127.0.0.1", 0).start()) {
      browser.get("http://127.0.0.1:" + bare.port() + "/");
      wait.until(
          d ->
              d.findElement(By.id("alerts-state"))
                  .getAttribute("textContent")
                  .contains("live alerts not available here"));
    }
    browser.get(base()); // back to the full server for the other tests
  }

  @Test
  void aMalformedQueryShowsTheServersMessage() {
    browser.get(
        base()
            + "#/?q="
            + java.net.URLEncoder.encode("kenya AND (", java.nio.charset.StandardCharsets.UTF_8));
    wait.until(ExpectedConditions.attributeContains(By.id("status"), "class", "error"));
    assertThat(browser.findElement(By.id("status")).getText())
        .startsWith("invalid query")
        .contains("the '(' at column 11 is never closed")
        .doesNotContain("Encountered", "lexical state");
  }

  // ---- the analyst's page: what a user sees, and every count keeps its promise -----------------

  private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private static com.fasterxml.jackson.databind.JsonNode api(String pathAndQuery) throws Exception {
    var client = java.net.http.HttpClient.newHttpClient();
    var res =
        client.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + server.port() + pathAndQuery))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    return MAPPER.readTree(res.body());
  }

  /** Every text node and link target of the page that shows an escape or a "/null" link. */
  @SuppressWarnings("unchecked")
  private static List<String> leakedEscapes() {
    return (List<String>)
        ((org.openqa.selenium.JavascriptExecutor) browser)
            .executeScript(
                "const bad = [];"
                    + "const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);"
                    + "for (let n = w.nextNode(); n; n = w.nextNode()) {"
                    + "  if (/&#x2F;|&#47;|&lt;|&gt;|&amp;|\\/null\\b/.test(n.nodeValue)) bad.push(n.nodeValue); }"
                    + "for (const a of document.querySelectorAll('a[href]')) {"
                    + "  if (/\\/null$|\\/undefined$/.test(a.href)) bad.push('link ' + a.href); }"
                    + "return bad;");
  }

  /** Waits for the search page to show the results of the current address, filter chips drawn. */
  private static void awaitResults() {
    wait.until(
        d -> {
          String status = d.findElement(By.id("status")).getText();
          return !status.isEmpty() && !status.startsWith("Searching");
        });
  }

  /** The articles the status line reports ("5 stories, 6 articles for …" → 6). */
  private static long articlesInStatus() {
    String status = browser.findElement(By.id("status")).getText();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("([\\d,]+) articles? for").matcher(status);
    assertThat(m.find()).as(status).isTrue();
    return Long.parseLong(m.group(1).replace(",", ""));
  }

  private static void open(String hash) {
    browser.get(base() + "#/?" + hash);
    awaitResults();
  }

  @Test
  void everyCountKeepsItsPromiseAndNothingEscapedShows() throws Exception {
    open("sort=newest");
    assertThat(leakedEscapes()).isEmpty();
    com.fasterxml.jackson.databind.JsonNode all = api("/api/search?sort=newest");
    long articles = all.path("articles").asLong();
    long undated = all.path("undated").asLong();
    assertThat(undated).isEqualTo(1);
    assertThat(articlesInStatus()).isEqualTo(articles);
    // the histogram holds the dated articles, every day from first to last; the undated are noted
    List<WebElement> bars = browser.findElements(By.cssSelector("#histogram .bar"));
    long onBars = bars.stream().mapToLong(b -> Long.parseLong(b.getAttribute("data-count"))).sum();
    assertThat(onBars).isEqualTo(articles - undated);
    assertThat(browser.findElement(By.id("undated")).getText()).startsWith("undated: 1");
    assertThat(browser.findElement(By.cssSelector("#histogram figcaption")).getText())
        .contains("2026-10-01")
        .contains("2026-11-03")
        .doesNotContain("2026-11-20"); // not the day the undated one was read
    screenshot("search-all");

    // each facet value, clicked, returns the count it showed — stories collapsed or not
    for (String collapse : List.of("", "&collapse=story")) {
      open("sort=newest" + collapse);
      List<String[]> values = new java.util.ArrayList<>();
      for (WebElement b : browser.findElements(By.cssSelector("#facets button.facet-value"))) {
        String dim =
            b.findElement(By.xpath("ancestor::section[@data-facet]")).getAttribute("data-facet");
        values.add(new String[] {dim, b.getAttribute("data-value"), b.getAttribute("data-count")});
      }
      assertThat(values).hasSizeGreaterThan(10);
      for (String[] v : values) {
        open("sort=newest" + collapse);
        browser
            .findElement(
                By.cssSelector(
                    "[data-facet=" + v[0] + "] button.facet-value[data-value='" + v[1] + "']"))
            .click();
        wait.until(
            d ->
                !d.findElements(By.cssSelector("#filters .chip[data-value='" + v[1] + "']"))
                    .isEmpty());
        awaitResults();
        assertThat(articlesInStatus())
            .as("%s %s clicked", v[0], v[1])
            .isEqualTo(Long.parseLong(v[2]));
      }
    }

    // each bar, clicked, returns its count
    open("sort=newest");
    int n = browser.findElements(By.cssSelector("#histogram .bar")).size();
    for (int i = 0; i < n; i++) {
      open("sort=newest");
      WebElement bar = browser.findElements(By.cssSelector("#histogram .bar")).get(i);
      long count = Long.parseLong(bar.getAttribute("data-count"));
      String from = bar.getAttribute("data-from");
      bar.click();
      wait.until(d -> d.getCurrentUrl().contains("from=" + from));
      awaitResults();
      if (count == 0) {
        assertThat(browser.findElement(By.id("results")).getText())
            .contains("No articles match with the filters shown");
      } else {
        assertThat(articlesInStatus()).as("bar %s", from).isEqualTo(count);
      }
    }
  }

  @Test
  void placeNamesFacetsShowTenThenMoreAndCollapsedCountsSayWhatTheyCount() throws Exception {
    open("q=police&collapse=story");
    // "3 stories, 4 articles": what is counted is said; the facets count articles
    assertThat(browser.findElement(By.id("status")).getText())
        .startsWith("3 stories, 4 articles for “police”");
    WebElement haiti =
        browser.findElement(By.cssSelector("[data-facet=places] button[data-value=HT]"));
    assertThat(haiti.getText()).startsWith("Haiti (HT)");
    haiti.click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("filters"), "place: Haiti (HT)"));
    awaitResults();
    assertThat(browser.findElement(By.id("status")).getText()).startsWith("1 story, 2 articles");

    // a story link only on a story of more than one article, saying its size and sources
    open("q=kenya&sort=newest");
    for (WebElement hit : hits()) {
      List<WebElement> link = hit.findElements(By.cssSelector("a.story-link"));
      if (hit.getText().contains("Kenya budget")) {
        assertThat(link).isEmpty();
      } else if (hit.getText().contains("Kenyan police land in Haiti")) {
        assertThat(link.get(0).getText()).isEqualTo("Story: 2 articles from 2 sources");
      }
    }

    // sources: ten shown, then "more…" shows every one
    open("sort=newest");
    assertThat(browser.findElements(By.cssSelector("[data-facet=sources] button.facet-value")))
        .hasSize(10);
    WebElement more = browser.findElement(By.cssSelector("[data-facet=sources] button.more"));
    long sources = api("/api/search?facets=1000").path("facets").path("sources").size();
    assertThat(more.getText()).isEqualTo("more… (" + sources + ")");
    more.click();
    assertThat(browser.findElements(By.cssSelector("[data-facet=sources] button.facet-value")))
        .hasSize((int) sources);
    screenshot("facets-more");
  }

  @Test
  void aDateRangeNarrowsTheResultsByBoxQuickRangeOrBrushing() throws Exception {
    open("sort=newest");
    long everything = articlesInStatus();
    ((org.openqa.selenium.JavascriptExecutor) browser)
        .executeScript(
            "const f = document.getElementById('from'); f.value = '2026-11-01';"
                + "f.dispatchEvent(new Event('change'));");
    wait.until(d -> d.getCurrentUrl().contains("from=2026-11-01"));
    awaitResults();
    long fromNov = api("/api/search?from=2026-11-01").path("total").asLong();
    assertThat(fromNov).isPositive().isLessThan(everything);
    assertThat(articlesInStatus()).isEqualTo(fromNov);
    assertThat(browser.findElement(By.id("filters")).getText()).contains("from: 2026-11-01");

    // a quick range: the fixtures are older than a week, so nothing, and a way out
    browser.findElement(By.cssSelector("#range .quick[data-days='7']")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("results"), "No articles match with the filters shown"));
    browser.findElement(By.linkText("at any time")).click();
    wait.until(d -> !d.getCurrentUrl().contains("from="));
    awaitResults();
    assertThat(articlesInStatus()).isEqualTo(everything);

    // brushing: drag from the first bar to the third selects their dates
    List<WebElement> bars = browser.findElements(By.cssSelector("#histogram .bar"));
    long expected =
        bars.subList(0, 3).stream()
            .mapToLong(b -> Long.parseLong(b.getAttribute("data-count")))
            .sum();
    String from = bars.get(0).getAttribute("data-from");
    String to = bars.get(2).getAttribute("data-to");
    new org.openqa.selenium.interactions.Actions(browser)
        .clickAndHold(bars.get(0))
        .moveToElement(bars.get(1))
        .moveToElement(bars.get(2))
        .release(bars.get(2))
        .perform();
    wait.until(
        d -> d.getCurrentUrl().contains("from=" + from) && d.getCurrentUrl().contains("to=" + to));
    awaitResults();
    assertThat(articlesInStatus()).isEqualTo(expected);
    screenshot("date-range");
  }

  @Test
  void pagesByNumberToTheLastWithAChosenSize() throws Exception {
    open("sort=newest&size=4");
    long total = articlesInStatus();
    int pages = (int) ((total + 3) / 4);
    assertThat(pages).isGreaterThan(3);
    WebElement last = browser.findElement(By.cssSelector("#pager a[data-page='" + pages + "']"));
    assertThat(last.getAttribute("title")).isEqualTo("last page");
    last.click();
    wait.until(d -> d.getCurrentUrl().contains("page=" + pages));
    awaitResults();
    assertThat(hits()).hasSize((int) (total - 4L * (pages - 1)));
    assertThat(browser.findElement(By.cssSelector("#pager .page.current")).getText())
        .isEqualTo(String.valueOf(pages));
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("page-size")))
        .selectByValue("20");
    wait.until(d -> d.getCurrentUrl().contains("size=20") && !d.getCurrentUrl().contains("page="));
    awaitResults();
    assertThat(hits()).hasSize((int) Math.min(20, total));
    screenshot("paging");
  }

  @Test
  void exportDownloadsTheRowsOfTheSearch() throws Exception {
    open("q=police&sort=newest");
    List<String> shown =
        hits().stream().map(h -> h.findElement(By.cssSelector("a.hit-title")).getText()).toList();
    Path csv = DOWNLOADS.resolve("wirewatch-export.csv");
    Path jsonl = DOWNLOADS.resolve("wirewatch-export.jsonl");
    Files.deleteIfExists(csv);
    Files.deleteIfExists(jsonl);
    browser.findElement(By.id("export-csv")).click();
    browser.findElement(By.id("export-jsonl")).click();
    wait.until(d -> Files.exists(csv) && Files.exists(jsonl));
    List<String> rows = Files.readAllLines(jsonl);
    assertThat(rows).hasSize(4);
    assertThat(rows.stream().map(r -> readTitle(r)).toList()).containsExactlyElementsOf(shown);
    assertThat(MAPPER.readTree(rows.get(0)).path("text").asText()).isNotBlank();
    String table = Files.readString(csv);
    assertThat(table)
        .startsWith("id,title,url,source,publishedAt,topics,places,storyId,copyOf,text\r\n");
    assertThat(table.split("\r\n")).hasSize(5); // header and four rows (no newline in these texts)
    for (String title : shown) {
      assertThat(table).contains("\"" + title.replace("\"", "\"\"") + "\"");
    }
  }

  private static String readTitle(String jsonLine) {
    try {
      return MAPPER.readTree(jsonLine).path("title").asText();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void keysMoveBetweenHitsAndOpenOne() throws Exception {
    open("q=police&sort=newest");
    WebElement body = browser.findElement(By.tagName("body"));
    browser.findElement(By.id("status")).click();
    new org.openqa.selenium.interactions.Actions(browser).sendKeys("/").perform();
    assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("q");
    browser.findElement(By.id("status")).click(); // out of the box
    new org.openqa.selenium.interactions.Actions(browser).sendKeys("jj").perform();
    assertThat(hits().get(1).getAttribute("class")).contains("selected");
    new org.openqa.selenium.interactions.Actions(browser).sendKeys("k").perform();
    assertThat(hits().get(0).getAttribute("class")).contains("selected");
    String href = hits().get(0).findElement(By.cssSelector("a.hit-title")).getAttribute("href");
    new org.openqa.selenium.interactions.Actions(browser)
        .sendKeys(org.openqa.selenium.Keys.ENTER)
        .perform();
    wait.until(d -> d.getCurrentUrl().equals(href));
    wait.until(d -> !d.findElement(By.id("article-title")).getText().equals("Loading…"));
    assertThat(body.isDisplayed()).isTrue();
  }

  @Test
  void emptyStatesSayWhatToDo(@TempDir Path emptyDir) throws Exception {
    open("q=budget&topic=haiti");
    String results = browser.findElement(By.id("results")).getText();
    assertThat(results)
        .contains("No articles match with the filters shown")
        .contains("without topic: haiti");
    browser.findElement(By.partialLinkText("without topic: haiti")).click();
    wait.until(d -> !d.getCurrentUrl().contains("topic="));
    awaitResults();
    assertThat(articlesInStatus()).isEqualTo(1);

    open("q=zzyzx");
    assertThat(browser.findElement(By.id("results")).getText())
        .contains("No articles match “zzyzx”")
        .contains("Try fewer words");

    try (ArticleIndex empty = ArticleIndex.open(emptyDir);
        WebServer bare =
            WebApp.builder(SearchScope.single(empty.searcherManager()))
                .build("127.0.0.1", 0)
                .start()) {
      browser.get("http://127.0.0.1:" + bare.port() + "/");
      wait.until(
          ExpectedConditions.textToBePresentInElementLocated(
              By.id("results"), "The index is empty"));
      assertThat(browser.findElement(By.id("results")).getText())
          .contains("Sources page")
          .contains("bin/wirewatch demo --feed");
      assertThat(browser.findElement(By.id("saved-note")).getText())
          .contains("needs the running pipeline");
      screenshot("empty-index");
    }
    browser.get(base());
  }

  private static void assertNoDialog() {
    try {
      browser.switchTo().alert();
      throw new AssertionError("a script from article text ran and opened a dialog");
    } catch (NoAlertPresentException expected) {
      // good
    }
  }
}
