package dev.wirewatch.processor.tag;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wirewatch.processor.ShippedConfig;
import dev.wirewatch.processor.lang.LanguageDetection;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Topic and place tagging in every language Wirewatch ships, on short news items written for the
 * purpose ({@code src/test/resources/multilingual/}, README there): the language detected as the
 * processor detects it, then tagged as the processor tags. Floors per language, on each split:
 * topic micro-F1 ≥ 0.9, place micro-F1 ≥ 0.85.
 */
class MultilingualTaggingQualityTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final LanguageDetection DETECTION = new LanguageDetection();
  private static final ArticleTagger TAGGER = ShippedConfig.tagger();

  /** True positives, false positives and false negatives. */
  record Counts(int tp, int fp, int fn) {
    static Counts sum(Counts a, Counts b) {
      return new Counts(a.tp + b.tp, a.fp + b.fp, a.fn + b.fn);
    }

    Counts plus(Set<String> expected, Set<String> got) {
      int t = 0;
      for (String g : got) {
        if (expected.contains(g)) {
          t++;
        }
      }
      return new Counts(tp + t, fp + got.size() - t, fn + expected.size() - t);
    }

    double precision() {
      return tp + fp == 0 ? 1 : tp / (double) (tp + fp);
    }

    double recall() {
      return tp + fn == 0 ? 1 : tp / (double) (tp + fn);
    }

    double f1() {
      double p = precision();
      double r = recall();
      return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    @Override
    public String toString() {
      return String.format(
          java.util.Locale.ROOT,
          "P=%.3f R=%.3f F1=%.3f (tp=%d fp=%d fn=%d)",
          precision(),
          recall(),
          f1(),
          tp,
          fp,
          fn);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev.jsonl", "held.jsonl"})
  void everyLanguageReachesTheFloors(String split) throws IOException {
    List<JsonNode> items = read(split);
    assertThat(items).as(split).isNotEmpty();
    Map<String, Counts> topics = new TreeMap<>();
    Map<String, Counts> places = new TreeMap<>();
    Map<String, int[]> detected = new TreeMap<>();
    List<String> errors = new ArrayList<>();
    for (JsonNode item : items) {
      String lang = item.get("lang").asText();
      String title = item.get("title").asText();
      String body = item.get("body").asText();
      String dateline = item.hasNonNull("dateline") ? item.get("dateline").asText() : null;
      String language = DETECTION.decide(null, title, body, null);
      int[] d = detected.computeIfAbsent(lang, k -> new int[2]);
      d[0] += language.equals(lang) ? 1 : 0;
      d[1]++;
      ArticleTagger.Tags tags = TAGGER.tag(title, dateline, body, language);
      Set<String> wantTopics = strings(item.get("topics"));
      Set<String> wantPlaces = strings(item.get("places"));
      topics.merge(
          lang, new Counts(0, 0, 0).plus(wantTopics, Set.copyOf(tags.topics())), Counts::sum);
      places.merge(
          lang, new Counts(0, 0, 0).plus(wantPlaces, Set.copyOf(tags.places())), Counts::sum);
      if (!wantTopics.equals(Set.copyOf(tags.topics()))
          || !wantPlaces.equals(Set.copyOf(tags.places()))
          || !language.equals(lang)) {
        errors.add(
            item.get("id").asText()
                + " detected "
                + language
                + ": topics "
                + tags.topics()
                + " (want "
                + wantTopics
                + "), places "
                + tags.places()
                + " (want "
                + wantPlaces
                + ")");
      }
    }
    StringBuilder report = new StringBuilder(split + "\n");
    topics.forEach(
        (lang, c) ->
            report
                .append(lang)
                .append(": language detected ")
                .append(detected.get(lang)[0])
                .append('/')
                .append(detected.get(lang)[1])
                .append("; topics ")
                .append(c)
                .append("; places ")
                .append(places.get(lang))
                .append('\n'));
    errors.forEach(e -> report.append("  ").append(e).append('\n'));
    System.out.println(report);
    topics.forEach(
        (lang, c) ->
            assertThat(c.f1()).as(lang + " topics\n" + report).isGreaterThanOrEqualTo(0.9));
    places.forEach(
        (lang, c) ->
            assertThat(c.f1()).as(lang + " places\n" + report).isGreaterThanOrEqualTo(0.85));
  }

  private static Set<String> strings(JsonNode list) {
    Set<String> out = new HashSet<>();
    list.forEach(v -> out.add(v.asText()));
    return out;
  }

  private static List<JsonNode> read(String name) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    try (InputStream in =
        MultilingualTaggingQualityTest.class.getResourceAsStream("/multilingual/" + name)) {
      if (in == null) {
        return out;
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = r.readLine()) != null; ) {
        if (!line.isBlank()) {
          out.add(JSON.readTree(line));
        }
      }
    }
    return out;
  }
}
