package dev.wirewatch.deploy.bench;

import dev.wirewatch.deploy.command.ExitCodes;
import dev.wirewatch.deploy.command.WirewatchCommand;
import java.io.PrintWriter;
import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code wirewatch bench micro}: the JMH microbenchmarks of the processing stages and of indexing
 * ({@code dev.wirewatch.deploy.bench.micro}), run by JMH's own runner in forked JVMs.
 */
@Command(
    name = "micro",
    mixinStandardHelpOptions = true,
    description = {
      "JMH microbenchmarks, in articles per second per thread: extraction, tagging, near-duplicate signatures,"
          + " the processor's whole work on plain text and on web pages, and indexing.",
      "Medians of one run are what to quote; compare figures of one run with each other (a ratio), not across runs."
    })
final class MicroBenchCommand extends WirewatchCommand {
  @Parameters(
      arity = "0..*",
      paramLabel = "REGEX",
      description = "Benchmarks to run (a regular expression over their names; default: all).")
  java.util.List<String> include = new java.util.ArrayList<>();

  @Option(
      names = "--quick",
      description =
          "1 warm-up and 3 measurement iterations of 1 s (default: JMH's annotations: 3 × 2 s and 5 × 2 s).")
  boolean quick;

  @Option(
      names = "--forks",
      paramLabel = "N",
      description = "Forked JVMs per benchmark (default: 1; 0 runs in this JVM, for a smoke test).")
  Integer forks;

  @Option(
      names = "--json",
      paramLabel = "FILE",
      description = "Also write JMH's JSON results to FILE.")
  java.nio.file.Path json;

  @Override
  protected int run(PrintWriter out, PrintWriter err) throws Exception {
    if (forks != null && forks < 0) {
      err.println("wirewatch bench micro: --forks must not be negative, got " + forks);
      return ExitCodes.USAGE;
    }
    ChainedOptionsBuilder options =
        new OptionsBuilder().shouldFailOnError(true).verbosity(VerboseMode.NORMAL);
    if (include.isEmpty()) {
      options.include("dev\\.wirewatch\\.deploy\\.bench\\.micro\\..*");
    } else {
      include.forEach(options::include);
    }
    if (quick) {
      options
          .warmupIterations(1)
          .warmupTime(TimeValue.seconds(1))
          .measurementIterations(3)
          .measurementTime(TimeValue.seconds(1));
    }
    if (forks != null) {
      options.forks(forks);
    }
    if (json != null) {
      options
          .result(json.toString())
          .resultFormat(org.openjdk.jmh.results.format.ResultFormatType.JSON);
    }
    Collection<RunResult> results;
    try {
      results = new Runner(options.build()).run();
    } catch (org.openjdk.jmh.runner.NoBenchmarksException e) {
      err.println(
          "wirewatch bench micro: no benchmark matches "
              + String.join(" ", include)
              + " (they are StageBenchmarks.extract, tag, nearDuplicateSignature, processPlainText, processWebPage"
              + " and IndexingBenchmark.upsert)");
      return ExitCodes.USAGE;
    } catch (RunnerException e) {
      err.println("wirewatch bench micro: " + e.getMessage());
      return ExitCodes.FAILURE;
    }
    if (results.isEmpty()) {
      err.println("wirewatch bench micro: no benchmark matches " + include);
      return ExitCodes.USAGE;
    }
    out.println();
    out.println("Articles per second per thread (median of the iterations):");
    for (RunResult r : results) {
      var stats = r.getPrimaryResult().getStatistics();
      out.printf(
          Locale.ROOT,
          "  %-45s %12.1f%n",
          r.getParams().getBenchmark().replace("dev.wirewatch.deploy.bench.micro.", ""),
          stats.getPercentile(50));
    }
    out.flush();
    return 0;
  }
}
