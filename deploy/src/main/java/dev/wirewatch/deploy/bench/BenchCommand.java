package dev.wirewatch.deploy.bench;

import dev.wirewatch.deploy.command.Directories;
import dev.wirewatch.deploy.command.ExitCodes;
import dev.wirewatch.deploy.command.WirewatchCommand;
import dev.wirewatch.deploy.config.TopicsFile;
import dev.wirewatch.processor.ArticleProcessor;
import dev.wirewatch.schemas.RawArticle;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code wirewatch bench}: the latency figures, measured as benchmarks (never as timed tests).
 * Medians and percentiles of one run; run it more than once on a noisy machine.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "End to end: the same articles through the whole pipeline on an embedded broker and through the in-process limit"
          + " (the processor's own topology and the indexer's work on as many threads, no Kafka), in one run:"
          + " throughput of each, their ratio, publish-to-searchable latency percentiles (from each article's"
          + " scheduled time at a --rate), where the time goes hop by hop, and peak RSS.",
      "Subcommands: search latency over an index, publish-to-searchable latency at a steady rate, and the JMH"
          + " microbenchmarks of each stage (micro), and the heap an index of 1,000,000 articles needs (heap)."
    },
    subcommands = {
      SearchBenchCommand.class,
      FreshnessBenchCommand.class,
      MicroBenchCommand.class,
      HeapBenchCommand.class
    })
public final class BenchCommand extends WirewatchCommand {
  /** 0: all of the corpus, or the generated default. */
  static final int DEFAULT_ARTICLES = 0;

  /** 0: as fast as possible. */
  static final int DEFAULT_RATE = 0;

  /** Seed of the generated articles. */
  static final long DEFAULT_SEED = 7;

  /** Articles generated when there is no corpus and --articles is not given. */
  static final int DEFAULT_GENERATED = 10_000;

  @Option(
      names = "--json",
      description =
          "Print one JSON object (articles, offered_rate, pipeline_aps, limit_aps, ratio,"
              + " p50_ms, p95_ms, p99_ms, peak_rss_mb, …) instead of text.")
  boolean json;

  @Option(
      names = "--articles",
      paramLabel = "N",
      defaultValue = "" + DEFAULT_ARTICLES,
      description =
          "How many articles (default: all of the corpus, or "
              + DEFAULT_GENERATED
              + " generated ones).")
  int articles;

  @Option(
      names = "--rate",
      paramLabel = "R",
      defaultValue = "" + DEFAULT_RATE,
      description =
          "Articles per second offered to the pipeline (default: 0, as fast as possible).")
  int rate;

  @Option(
      names = "--input",
      paramLabel = "FILE",
      description =
          "Articles to use (.jsonl, .txt, .html or a directory, as ingest --input reads them); repeatable."
              + " Default: ../shared/eval/tagging/reuters21578-train.jsonl when present, else generated articles.")
  List<Path> inputs = new ArrayList<>();

  @Option(
      names = "--generate",
      description = "Use generated articles even when the corpus is present.")
  boolean generate;

  @Option(
      names = "--corpus",
      paramLabel = "NAME",
      defaultValue = "reuters",
      description =
          "reuters (plain text: ../shared/eval/tagging's Reuters articles, else generated text),"
              + " web (the pages of ../shared/eval/extraction, else generated pages with site"
              + " furniture) or mixed (both, interleaved). Default: ${DEFAULT-VALUE}.")
  String corpusName;

  @Option(
      names = "--seed",
      defaultValue = "" + DEFAULT_SEED,
      description = "Seed of the generated articles (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--work-dir",
      paramLabel = "DIR",
      description =
          "Where the broker and indexes live (default: a temporary directory, deleted after).")
  Path workDir;

  @Override
  protected int run(PrintWriter out, PrintWriter err) throws Exception {
    if (articles < 0 || rate < 0) {
      err.println("wirewatch bench: --articles and --rate must not be negative");
      return ExitCodes.USAGE;
    }
    Path dir =
        workDir != null
            ? Files.createDirectories(workDir)
            : Files.createTempDirectory("wirewatch-bench");
    System.setProperty("wirewatch.log.dir", dir.toAbsolutePath().resolve("logs").toString());
    try {
      List<RawArticle> corpus;
      String name;
      if (generate && !inputs.isEmpty()) {
        err.println("wirewatch bench: --generate and --input exclude each other");
        return ExitCodes.USAGE;
      }
      if (!inputs.isEmpty()) {
        try {
          corpus = EndToEndBenchmark.load(inputs, articles);
        } catch (IllegalArgumentException e) {
          err.println("wirewatch bench: " + e.getMessage());
          return ExitCodes.USAGE;
        }
        name =
            inputs.stream()
                .map(p -> p.getFileName().toString())
                .collect(java.util.stream.Collectors.joining(","));
      } else if (generate) {
        corpus = new ArticleGenerator(seed).generate(articles > 0 ? articles : DEFAULT_GENERATED);
        name = "generated";
      } else {
        Corpora.Corpus c;
        try {
          c = Corpora.named(corpusName, articles, DEFAULT_GENERATED, seed);
        } catch (IllegalArgumentException e) {
          err.println("wirewatch bench: " + e.getMessage());
          return ExitCodes.USAGE;
        }
        corpus = c.articles();
        name = c.name();
      }
      java.util.function.Consumer<String> progress =
          line -> {
            (json ? err : out).println(line);
            (json ? err : out).flush();
          };
      EndToEndBenchmark.Result r =
          new EndToEndBenchmark(
                  () -> ArticleProcessor.standard(TopicsFile.bundled()), dir, progress)
              .run(corpus, rate, name);
      if (json) {
        out.println(r.json());
      } else {
        out.printf(
            Locale.ROOT,
            "%d articles (%s), offered %s, %d processing threads in each%n",
            r.articles(),
            r.corpus(),
            r.offeredRate() > 0 ? r.offeredRate() + "/s" : "as fast as possible",
            r.threads());
        out.printf(
            Locale.ROOT,
            "  pipeline  %8.1f articles/s  (first publish → last searchable)%n",
            r.pipelineAps());
        out.printf(
            Locale.ROOT,
            "  limit     %8.1f articles/s  (the same topology and indexing, no Kafka)%n",
            r.limitAps());
        out.printf(Locale.ROOT, "  ratio     %8.3f%n", r.ratio());
        out.printf(
            Locale.ROOT,
            "  publish → searchable: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms%n",
            r.p50Ms(),
            r.p95Ms(),
            r.p99Ms());
        out.printf(Locale.ROOT, "  where the time goes (p50 / p99 ms):");
        r.hops()
            .forEach(
                (hop, h) -> out.printf(Locale.ROOT, "  %s %.1f / %.1f", hop, h.p50Ms(), h.p99Ms()));
        out.println();
        out.printf(
            Locale.ROOT,
            "  peak RSS %d MB; %d dead letters%s%n",
            r.peakRssMb(),
            r.deadLetters(),
            r.missing() == 0 ? "" : "; " + r.missing() + " NEVER SEARCHABLE within 5 min");
      }
      out.flush();
      return r.missing() == 0 ? 0 : ExitCodes.FAILURE;
    } finally {
      if (workDir == null) {
        Directories.deleteQuietly(dir);
      }
    }
  }
}
