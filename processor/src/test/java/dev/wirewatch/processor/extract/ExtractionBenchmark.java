package dev.wirewatch.processor.extract;

import dev.wirewatch.processor.clean.PageCleaner;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Pages per second per core on readability-pages, as a benchmark (not a test: it asserts nothing
 * and runs only with -Dwirewatch.bench=true). One thread; 3 warm-up rounds, then the median of
 * {@code -Dwirewatch.bench.rounds} (default 9) measured rounds; jsoup's parse alone is measured in
 * the same run, round for round, as the reference.
 */
class ExtractionBenchmark {
  @Test
  @EnabledIfSystemProperty(named = "wirewatch.bench", matches = "true")
  void pagesPerSecond() throws IOException {
    List<EvalSets.Page> pages = EvalSets.readabilityPages();
    PageCleaner extractor = new PageCleaner();
    int rounds = Integer.getInteger("wirewatch.bench.rounds", 9);
    List<Double> ours = new ArrayList<>();
    List<Double> parse = new ArrayList<>();
    long sink = 0;
    for (int r = -3; r < rounds; r++) {
      long t0 = System.nanoTime();
      for (EvalSets.Page p : pages) {
        sink += Jsoup.parse(p.html(), p.url()).childNodeSize();
      }
      long t1 = System.nanoTime();
      for (EvalSets.Page p : pages) {
        sink += extractor.clean(p.html(), p.url()).text().length();
      }
      long t2 = System.nanoTime();
      if (r >= 0) {
        parse.add(pages.size() / ((t1 - t0) / 1e9));
        ours.add(pages.size() / ((t2 - t1) / 1e9));
      }
    }
    double p = median(parse);
    double o = median(ours);
    System.out.printf(
        Locale.ROOT,
        "extraction benchmark (%d rounds, 1 thread): wirewatch %.0f pages/s median,"
            + " jsoup parse alone %.0f pages/s median, ratio %.2f (checksum %d)%n",
        rounds,
        o,
        p,
        o / p,
        sink);
  }

  static double median(List<Double> values) {
    List<Double> v = new ArrayList<>(values);
    v.sort(Double::compare);
    int n = v.size();
    return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
  }
}
