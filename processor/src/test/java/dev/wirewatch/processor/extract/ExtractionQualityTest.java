package dev.wirewatch.processor.extract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wirewatch.processor.clean.PageCleaner;
import dev.wirewatch.testlib.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Extraction quality on both development sets, scored as ../shared/eval's scorers score it.
 * Predictions go to target/extraction/ in the scorers' format. With -Dwirewatch.baselines=true the
 * same run also measures readability4j and boilerpipe (test scope only). Skips without ../shared.
 */
class ExtractionQualityTest {
  private static List<EvalSets.Page> readability;
  private static List<EvalSets.Page> trafilatura;

  @BeforeAll
  static void load() throws IOException {
    // Skipped without ../shared on a user's clone; a failure in CI, where a skip would hide a drop
    SharedData.require("eval/extraction/readability-pages");
    SharedData.require("eval/extraction/trafilatura-snippets");
    readability = EvalSets.readabilityPages();
    trafilatura = EvalSets.trafilaturaPages();
  }

  record Run(
      String name, Scores.Result readability, Scores.Result trafilatura, double pagesPerSecond) {}

  static Run measure(String name, BiFunction<String, String, String> extractor) throws IOException {
    Map<String, String> predR = new LinkedHashMap<>();
    long nanos = 0;
    for (EvalSets.Page p : readability) {
      long t = System.nanoTime();
      String text = safely(extractor, p);
      nanos += System.nanoTime() - t;
      predR.put(p.id(), text);
    }
    Map<String, String> predT = new LinkedHashMap<>();
    for (EvalSets.Page p : trafilatura) {
      predT.put(p.id(), safely(extractor, p));
    }
    write(name + "-readability-predictions.json", predR);
    write(name + "-trafilatura-predictions.json", predT);
    Scores.Result r = Scores.shingleF1(EvalSets.index(readability, EvalSets.Page::truth), predR);
    Scores.Result t = Scores.snippetF1(trafilatura, predT);
    return new Run(name, r, t, readability.size() / (nanos / 1e9));
  }

  private static String safely(BiFunction<String, String, String> extractor, EvalSets.Page p) {
    try {
      String s = extractor.apply(p.html(), p.url());
      return s == null ? "" : s;
    } catch (RuntimeException e) {
      return "";
    }
  }

  private static void write(String file, Map<String, String> pred) throws IOException {
    ObjectMapper m = new ObjectMapper();
    ObjectNode root = m.createObjectNode();
    pred.forEach((k, v) -> root.putObject(k).put("articleBody", v));
    Path dir = Path.of("target", "extraction");
    Files.createDirectories(dir);
    m.writeValue(dir.resolve(file).toFile(), root);
  }

  static String line(Run r) {
    return String.format(
        Locale.ROOT,
        "%-14s readability-pages %s | trafilatura-snippets %s | %.0f pages/s (1 thread)",
        r.name(),
        r.readability(),
        r.trafilatura(),
        r.pagesPerSecond());
  }

  @Test
  void ourExtractorOnBothDevelopmentSets() throws IOException {
    List<Run> runs = new ArrayList<>();
    PageCleaner extractor = new PageCleaner();
    BiFunction<String, String, String> ours = (html, url) -> extractor.clean(html, url).text();
    // Speed is for the benchmark (ExtractionBenchmark); this run's pages/s is only indicative.
    runs.add(measure("wirewatch", ours));
    if (Boolean.getBoolean("wirewatch.baselines")) {
      runs.add(
          measure(
              "readability4j",
              (html, url) ->
                  new net.dankito.readability4j.Readability4J(url, html).parse().getTextContent()));
      runs.add(
          measure(
              "boilerpipe",
              (html, url) -> {
                try {
                  return de.l3s.boilerpipe.extractors.ArticleExtractor.INSTANCE.getText(html);
                } catch (de.l3s.boilerpipe.BoilerpipeProcessingException e) {
                  return "";
                }
              }));
    }
    List<String> report = runs.stream().map(ExtractionQualityTest::line).toList();
    report.forEach(System.out::println);
    Files.write(Path.of("target", "extraction", "report.txt"), report);
    Run ours1 = runs.get(0);
    // The floors on both sets (reached: 0.966 and 0.921).
    assertThat(ours1.readability().f1()).as(line(ours1)).isGreaterThanOrEqualTo(0.96);
    assertThat(ours1.trafilatura().f1()).as(line(ours1)).isGreaterThanOrEqualTo(0.92);
  }
}
