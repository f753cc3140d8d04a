package dev.wirewatch.deploy.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wirewatch.deploy.cli.Main;
import dev.wirewatch.deploy.config.WatchesFile;
import dev.wirewatch.deploy.store.SavedSearchStore;
import dev.wirewatch.deploy.store.WatchStore;
import dev.wirewatch.indexer.store.ShardReaders;
import dev.wirewatch.indexer.web.SearchScope;
import dev.wirewatch.indexer.web.WebServer;
import dev.wirewatch.indexer.web.WriteToken;
import dev.wirewatch.indexer.web.app.WebApp;
import dev.wirewatch.schemas.Topics;
import dev.wirewatch.testlib.SharedData;
import dev.wirewatch.testlib.TestBroker;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
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
 * The search page as an analyst uses it, over the 12,865 Reuters articles indexed by the real
 * pipeline (demo with a real broker), in headless Chromium: counts that agree, the undated kept
 * apart, facet and bar clicks that return what they promised, a date range, paging to the last
 * page, an export that downloads the search's rows, and a saved search that survives a restart of
 * the server (kept in news.searches) and turns into a watch with one click. Screenshots go to
 * {@code target/ui/}. Needs {@code ../shared} (skipped without it, except under {@code CI=true})
 * and Chromium (which {@code .ci/run} installs).
 */
class AnalystPageIT {
  private static final Path CHROMIUM =
      Path.of(System.getProperty("wirewatch.chromium", "/usr/bin/chromium"));
  private static final Path DRIVER =
      Path.of(System.getProperty("wirewatch.chromedriver", "/usr/bin/chromedriver"));
  private static final Path SHOTS = Path.of("target", "ui");
  private static final Path DOWNLOADS = SHOTS.resolve("reuters-downloads");
  private static final String TOKEN = "analyst-test-token-0123456789";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  private static TestBroker kafka;
  private static ShardReaders readers;
  private static WatchStore watches;
  private static SavedSearchStore saved;
  private static WebServer server;
  private static WebDriver browser;
  private static WebDriverWait wait;

  @BeforeAll
  static void start() throws Exception {
    Path reuters = SharedData.require("eval/tagging/reuters21578-train.jsonl");
    boolean chromium = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
    if (!chromium && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("CI has no Chromium at " + CHROMIUM + ": .ci/run installs it");
    }
    Assumptions.assumeTrue(
        chromium,
        "headless Chromium is not installed here: apt-get install chromium chromium-driver");
    kafka = TestBroker.start(dir.resolve("kafka"));
    Path data = dir.resolve("data");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            "demo",
            "--no-serve",
            "--bootstrap-servers",
            kafka.bootstrapServers(),
            "--data-dir",
            data.toString(),
            "--input",
            reuters.toString());
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("Indexed 12865 articles (0 to the DLQ");
    readers = ShardReaders.open(data.resolve("index"));
    startServer();
    Files.createDirectories(DOWNLOADS);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1400,1100");
    options.setExperimentalOption(
        "prefs",
        Map.of(
            "download.default_directory",
            DOWNLOADS.toAbsolutePath().toString(),
            "download.prompt_for_download",
            false));
    browser =
        new ChromeDriver(
            new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build(),
            options);
    wait = new WebDriverWait(browser, Duration.ofSeconds(30));
  }

  /**
   * A server as {@code serve --bootstrap-servers} makes one: watches and saved searches in Kafka.
   */
  private static void startServer() {
    Topics topics = Topics.defaults();
    watches = WatchStore.open(kafka.bootstrapServers(), topics.watches(), WatchesFile.bundled());
    saved = SavedSearchStore.open(kafka.bootstrapServers(), topics.searches());
    server =
        WebApp.builder(SearchScope.single(readers.searchers()))
            .watches(watches, new WriteToken(TOKEN))
            .savedSearches(saved, new WriteToken(TOKEN))
            .build("127.0.0.1", 0)
            .start();
  }

  private static void stopServer() throws Exception {
    server.close();
    saved.close();
    watches.close();
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      stopServer();
    }
    if (readers != null) {
      readers.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  private static String base() {
    return "http://127.0.0.1:" + server.port() + "/";
  }

  private static JsonNode api(String pathAndQuery) throws Exception {
    HttpResponse<String> res =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(base() + pathAndQuery.substring(1))).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    return JSON.readTree(res.body());
  }

  private static void screenshot(String name) throws Exception {
    File f = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(f.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  private static void open(String hash) {
    browser.get(base() + "#/?" + hash);
    awaitResults();
  }

  private static void awaitResults() {
    wait.until(
        d -> {
          String status = d.findElement(By.id("status")).getText();
          return !status.isEmpty() && !status.startsWith("Searching");
        });
  }

  private static long articlesInStatus() {
    String status = browser.findElement(By.id("status")).getText();
    Matcher m = Pattern.compile("([\\d,]+) articles? for").matcher(status);
    assertThat(m.find()).as(status).isTrue();
    return Long.parseLong(m.group(1).replace(",", ""));
  }

  @SuppressWarnings("unchecked")
  private static List<String> leakedEscapes() {
    return (List<String>)
        ((JavascriptExecutor) browser)
            .executeScript(
                "const bad = [];"
                    + "const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);"
                    + "for (let n = w.nextNode(); n; n = w.nextNode()) {"
                    + "  if (/&#x2F;|&#47;|&lt;|&gt;|&amp;|\\/null\\b/.test(n.nodeValue)) bad.push(n.nodeValue); }"
                    + "for (const a of document.querySelectorAll('a[href]')) {"
                    + "  if (/\\/null$|\\/undefined$/.test(a.href)) bad.push('link ' + a.href); }"
                    + "return bad;");
  }

  @Test
  void countsAgreeAndEveryClickReturnsWhatItPromised() throws Exception {
    open("collapse=story&sort=newest");
    JsonNode all = api("/api/search?collapse=story&sort=newest");
    assertThat(all.path("articles").asLong()).isEqualTo(12_865);
    // one Reuters date is not a date ("31-MAR-1987 605:12:19.12"): the rest are read
    assertThat(all.path("undated").asLong()).isEqualTo(1);
    assertThat(browser.findElement(By.id("status")).getText())
        .startsWith(
            String.format(
                "%,d stories, 12,865 articles for all articles", all.path("total").asLong()));
    assertThat(browser.findElement(By.id("undated")).getText()).startsWith("undated: 1");
    List<WebElement> bars = browser.findElements(By.cssSelector("#histogram .bar"));
    assertThat(bars.stream().mapToLong(b -> Long.parseLong(b.getAttribute("data-count"))).sum())
        .isEqualTo(12_864);
    assertThat(browser.findElement(By.cssSelector("#histogram figcaption")).getText())
        .startsWith("12,864 dated articles per day, 1987-02-26 to ")
        .doesNotContain("2026");
    assertThat(leakedEscapes()).isEmpty();
    // places by name
    assertThat(
            browser
                .findElement(By.cssSelector("[data-facet=places] button[data-value=US]"))
                .getText())
        .startsWith("United States (US)");
    screenshot("reuters-search");

    // the top values of each facet, clicked with stories collapsed, return the articles they showed
    List<String[]> values = new ArrayList<>();
    for (String dim : List.of("places", "topics", "sources", "languages")) {
      List<WebElement> buttons =
          browser.findElements(By.cssSelector("[data-facet=" + dim + "] button.facet-value"));
      for (WebElement b : buttons.subList(0, Math.min(3, buttons.size()))) {
        values.add(new String[] {dim, b.getAttribute("data-value"), b.getAttribute("data-count")});
      }
    }
    assertThat(values).hasSizeGreaterThan(5);
    for (String[] v : values) {
      open("collapse=story&sort=newest");
      browser
          .findElement(
              By.cssSelector("[data-facet=" + v[0] + "] button[data-value='" + v[1] + "']"))
          .click();
      wait.until(
          d ->
              !d.findElements(By.cssSelector("#filters .chip[data-value='" + v[1] + "']"))
                  .isEmpty());
      awaitResults();
      assertThat(articlesInStatus()).as("%s %s", v[0], v[1]).isEqualTo(Long.parseLong(v[2]));
    }

    // the busiest day's bar returns its count
    open("sort=newest");
    WebElement busiest =
        browser.findElements(By.cssSelector("#histogram .bar")).stream()
            .max((a, b) -> Long.compare(count(a), count(b)))
            .orElseThrow();
    long dayCount = count(busiest);
    String day = busiest.getAttribute("data-from");
    busiest.click();
    wait.until(d -> d.getCurrentUrl().contains("from=" + day));
    awaitResults();
    assertThat(articlesInStatus()).isEqualTo(dayCount);

    // a date range narrows the results to what the API counts for it
    open("q=oil&sort=newest");
    long oil = articlesInStatus();
    ((JavascriptExecutor) browser)
        .executeScript(
            "const f = document.getElementById('from'); f.value = '1987-03-01';"
                + "f.dispatchEvent(new Event('change'));"
                + "const t = document.getElementById('to'); t.value = '1987-03-07';"
                + "t.dispatchEvent(new Event('change'));");
    wait.until(d -> d.getCurrentUrl().contains("to=1987-03-07"));
    awaitResults();
    long week = api("/api/search?q=oil&from=1987-03-01&to=1987-03-07").path("total").asLong();
    assertThat(week).isPositive().isLessThan(oil);
    assertThat(articlesInStatus()).isEqualTo(week);
    screenshot("reuters-date-range");

    // paging: by number to the last page
    open("q=oil&sort=newest&size=100");
    int pages = (int) ((oil + 99) / 100);
    browser.findElement(By.cssSelector("#pager a[data-page='" + pages + "']")).click();
    wait.until(d -> d.getCurrentUrl().contains("page=" + pages));
    awaitResults();
    assertThat(browser.findElements(By.cssSelector("#results li.hit")))
        .hasSize((int) (oil - 100L * (pages - 1)));
    screenshot("reuters-last-page");
  }

  private static long count(WebElement bar) {
    return Long.parseLong(bar.getAttribute("data-count"));
  }

  @Test
  void exportDownloadsEveryRowOfTheSearch() throws Exception {
    open("q=" + URLEncoder.encode("iran", StandardCharsets.UTF_8) + "&sort=newest");
    long total = articlesInStatus();
    assertThat(total).isGreaterThan(100); // more than a page: the export streams them all
    Path csv = DOWNLOADS.resolve("wirewatch-export.csv");
    Path jsonl = DOWNLOADS.resolve("wirewatch-export.jsonl");
    Files.deleteIfExists(csv);
    Files.deleteIfExists(jsonl);
    browser.findElement(By.id("export-csv")).click();
    browser.findElement(By.id("export-jsonl")).click();
    wait.until(d -> Files.exists(csv) && Files.exists(jsonl));
    List<String> lines = Files.readAllLines(jsonl);
    assertThat(lines).hasSize((int) total);
    assertThat(lines.stream().map(l -> id(l)).distinct().count()).isEqualTo(total);
    List<List<String>> rows = csvRows(Files.readString(csv));
    assertThat(rows.get(0)).startsWith("id", "title", "url", "source", "publishedAt");
    assertThat(rows).hasSize((int) total + 1);
    assertThat(rows.subList(1, rows.size()).stream().map(r -> r.get(0)).toList())
        .containsExactlyElementsOf(lines.stream().map(AnalystPageIT::id).toList());
  }

  private static String id(String jsonLine) {
    try {
      return JSON.readTree(jsonLine).path("id").asText();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** RFC 4180 records: quoted cells may hold commas, doubled quotes and line breaks. */
  private static List<List<String>> csvRows(String text) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.add(cell.toString());
        cell.setLength(0);
      } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
        row.add(cell.toString());
        cell.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
        i++;
      } else {
        cell.append(c);
      }
    }
    return rows;
  }

  @Test
  void aSavedSearchSurvivesARestartAndBecomesAWatch() throws Exception {
    String hash = "q=crude%20oil&place=IR&sort=newest&collapse=story";
    open(hash);
    String status = browser.findElement(By.id("status")).getText();
    browser.findElement(By.id("save-open")).click();
    WebElement name = browser.findElement(By.id("save-name"));
    name.clear();
    name.sendKeys("Iran crude");
    browser.findElement(By.id("save-token")).sendKeys("wrong-token-0123456789");
    browser.findElement(By.id("save-submit")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("save-status"), "Not saved: wrong API token"));
    browser.findElement(By.id("save-token")).clear();
    browser.findElement(By.id("save-token")).sendKeys(TOKEN);
    browser.findElement(By.id("save-submit")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("saved-list"), "Iran crude"));
    screenshot("reuters-saved");

    // the server restarts; the saved search is read back from news.searches
    stopServer();
    startServer();
    browser.get(base());
    WebElement link =
        wait.until(ExpectedConditions.elementToBeClickable(By.linkText("Iran crude")));
    WebElement item = link.findElement(By.xpath("ancestor::li"));
    String feed = item.findElement(By.linkText("feed")).getAttribute("href");
    link.click();
    wait.until(d -> d.getCurrentUrl().contains("place=IR"));
    awaitResults();
    assertThat(browser.findElement(By.id("status")).getText()).isEqualTo(status);
    assertThat(browser.findElement(By.id("q")).getAttribute("value")).isEqualTo("crude oil");
    assertThat(browser.findElement(By.id("filters")).getText()).contains("place: Iran (IR)");
    // its feed is the same search as Atom
    HttpResponse<String> atom =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(feed)).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(atom.statusCode()).isEqualTo(200);
    assertThat(atom.body()).contains("<feed").contains("<entry>");

    // one click makes it a watch of the same query and place; this tab (a new address) has no
    // token yet, so the page asks for it first
    WebElement again =
        browser.findElement(By.linkText("Iran crude")).findElement(By.xpath("ancestor::li"));
    String id = again.getAttribute("data-id");
    again.findElement(By.xpath(".//button[text()='watch']")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("saved-note"), "needs the API token"));
    assertThat(watches.list()).noneMatch(w -> w.path("id").asText().equals(id));
    browser.findElement(By.id("saved-token")).sendKeys(TOKEN);
    again.findElement(By.xpath(".//button[text()='watch']")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("saved-note"), "is in force"));
    JsonNode watch =
        JSON.valueToTree(
            watches.list().stream()
                .filter(w -> w.path("id").asText().equals(id))
                .findFirst()
                .orElseThrow());
    assertThat(watch.path("query").asText()).isEqualTo("crude oil");
    assertThat(watch.path("places").toString()).isEqualTo("[\"IR\"]");
    screenshot("reuters-saved-watch");
  }
}
