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
    Assumptions.assumeTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
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
    assertThat(
            browser
                .findElement(By.cssSelector("#histogram .bars"))
                .findElements(By.cssSelector(".bar")))
        .hasSize(3);

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
    WebElement story = browser.findElement(By.id("article-story"));
    assertThat(story.getTagName()).isEqualTo("a");
    assertThat(story.getAttribute("href")).endsWith("#/story/s9");
    screenshot("article-without-url");

    browser.get(base() + "#/article/k1");
    WebElement original =
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("article-original")));
    assertThat(original.getTagName()).isEqualTo("a");
    assertThat(original.getAttribute("href")).isEqualTo("https://news.example/k1");
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

  private static void assertNoDialog() {
    try {
      browser.switchTo().alert();
      throw new AssertionError("a script from article text ran and opened a dialog");
    } catch (NoAlertPresentException expected) {
      // good
    }
  }
}
