package dev.wirewatch.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wirewatch.deploy.command.ExitCodes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench --json} runs end to end and reports every documented field. Its figures are not
 * checked against targets here: speed is measured by running the benchmark, not by timed tests.
 */
class BenchIT {
  @TempDir Path work;

  @Test
  void endToEndBenchmarkReportsEveryField() throws Exception {
    // generated articles, so the run is the same with ../shared present or not
    Run run =
        run(
            "bench",
            "--json",
            "--articles",
            "300",
            "--input",
            "../samples/seed-article-haiti-kenya.txt",
            "--work-dir",
            work.toString());
    assertThat(run.code()).as(run.err()).isZero();
    JsonNode r = new ObjectMapper().readTree(run.out());
    for (String field :
        List.of(
            "articles",
            "offered_rate",
            "pipeline_aps",
            "limit_aps",
            "ratio",
            "p50_ms",
            "p95_ms",
            "p99_ms",
            "peak_rss_mb",
            "corpus",
            "threads_pipeline",
            "threads_limit",
            "hops")) {
      assertThat(r.has(field)).as(field + " in " + r).isTrue();
    }
    // the limit does the pipeline's work on as many processing threads
    assertThat(r.path("threads_limit").asInt()).isEqualTo(r.path("threads_pipeline").asInt());
    for (String hop : List.of("publish", "process", "stories_and_commits", "refresh")) {
      JsonNode h = r.path("hops").path(hop);
      assertThat(h.path("p50_ms").asDouble()).as(hop).isNotNegative();
      assertThat(h.path("p50_ms").asDouble())
          .as(hop)
          .isLessThanOrEqualTo(h.path("p99_ms").asDouble());
    }
    assertThat(r.path("articles").asInt()).isEqualTo(1);
    assertThat(r.path("missing").asInt()).isZero();
    assertThat(r.path("pipeline_aps").asDouble()).isPositive();
    assertThat(r.path("limit_aps").asDouble()).isPositive();
    assertThat(r.path("p50_ms").asDouble())
        .isPositive()
        .isLessThanOrEqualTo(r.path("p99_ms").asDouble());
    assertThat(r.path("peak_rss_mb").asLong()).isPositive();
  }

  @Test
  void generatedArticlesAtAnOfferedRate() throws Exception {
    Run run =
        run(
            "bench",
            "--json",
            "--generate",
            "--articles",
            "300",
            "--rate",
            "200",
            "--work-dir",
            work.toString());
    assertThat(run.code()).as(run.err()).isZero();
    JsonNode r = new ObjectMapper().readTree(run.out());
    assertThat(r.path("articles").asInt()).isEqualTo(300);
    assertThat(r.path("offered_rate").asInt()).isEqualTo(200);
    assertThat(r.path("corpus").asText()).isEqualTo("generated");
    assertThat(r.path("missing").asInt()).isZero();
    assertThat(r.path("dead_letters").asInt()).isZero();
    // offered 200/s, the pipeline cannot have gone faster than that
    assertThat(r.path("pipeline_aps").asDouble()).isPositive().isLessThan(200 * 1.1);
  }

  @Test
  void webPagesAreACorpus() throws Exception {
    Run run =
        run(
            "bench",
            "--json",
            "--corpus",
            "web",
            "--articles",
            "40",
            "--work-dir",
            work.resolve("web").toString());
    assertThat(run.code()).as(run.err()).isZero();
    JsonNode r = new ObjectMapper().readTree(run.out());
    // real pages beside ../shared, generated pages with furniture without it
    assertThat(r.path("corpus").asText()).isIn("web-pages", "generated-web");
    assertThat(r.path("articles").asInt()).isEqualTo(40);
    assertThat(r.path("missing").asInt()).isZero();

    Run bad = run("bench", "--corpus", "tweets");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("--corpus must be reuters, web or mixed, got 'tweets'");
  }

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void microbenchmarksRunThroughJmhAndReportArticlesPerSecond() throws Exception {
    Path json = work.resolve("jmh.json");
    // In this JVM (no fork) and short: a smoke test of the harness, not a measurement
    Run run =
        run(
            "bench",
            "micro",
            "--quick",
            "--forks",
            "0",
            "--json",
            json.toString(),
            "nearDuplicateSignature");
    assertThat(run.code()).as(run.err() + "\n" + run.out()).isZero();
    assertThat(run.out())
        .containsPattern("StageBenchmarks\\.nearDuplicateSignature\\s+[1-9][0-9]*\\.[0-9]");
    JsonNode results = new ObjectMapper().readTree(json.toFile());
    assertThat(results).hasSize(1);
    assertThat(results.get(0).path("primaryMetric").path("score").asDouble()).isPositive();

    Run none = run("bench", "micro", "--forks", "0", "noSuchBenchmark");
    assertThat(none.code()).isNotZero();
    assertThat(none.err()).contains("noSuchBenchmark").doesNotContain("\tat ");
  }

  @Test
  void heapBenchmarkBuildsTheIndexAndReportsHeapAndQueryTimes() throws Exception {
    Run run = run("bench", "heap", "--json", "--articles", "3000", "--work-dir", work.toString());
    assertThat(run.code()).as(run.err()).isZero();
    JsonNode r = new ObjectMapper().readTree(run.out());
    assertThat(r.path("articles").asInt()).isEqualTo(3000);
    assertThat(r.path("max_heap_mb").asLong()).isPositive();
    assertThat(r.path("peak_heap_mb").asLong())
        .isPositive()
        .isLessThanOrEqualTo(r.path("max_heap_mb").asLong());
    assertThat(r.path("heap_after_gc_mb").asLong()).isPositive();
    assertThat(r.path("index_mb").asLong()).isPositive();
    for (String q :
        List.of(
            "relevance_query_ms",
            "newest_query_ms",
            "collapsed_relevance_query_ms",
            "collapsed_newest_query_ms")) {
      assertThat(r.path(q).asDouble()).as(q).isPositive();
    }
    assertThat(run.err()).contains("3,000 articles indexed");
  }

  @Test
  void badSettingsAreUsageErrors() {
    Run run = run("bench", "--rate", "-5");
    assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("--rate").doesNotContain("\tat ");
  }
}
