package dev.wirewatch.processor.places;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Reuters-21578 tagging development set of ../shared/eval/tagging, places mapped to ISO codes.
 */
final class ReutersSet {
  static final Path DIR = Path.of("..", "..", "shared", "eval", "tagging");

  record Doc(String id, String title, String dateline, String body, Set<String> places) {}

  /**
   * Skips the calling test when the set is absent (a user's clone), and fails it in CI (see {@link
   * dev.wirewatch.testlib.SharedData}).
   */
  static void require() {
    dev.wirewatch.testlib.SharedData.require("eval/tagging/reuters21578-train.jsonl");
    dev.wirewatch.testlib.SharedData.require("eval/tagging/reuters-places-iso3166.tsv");
  }

  static List<Doc> load() throws IOException {
    Map<String, String> iso = new HashMap<>();
    for (String line :
        Files.readAllLines(DIR.resolve("reuters-places-iso3166.tsv"), StandardCharsets.UTF_8)) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      String[] f = line.split("\t");
      iso.put(f[0], f[1]);
    }
    ObjectMapper json = new ObjectMapper();
    List<Doc> docs = new ArrayList<>();
    try (BufferedReader r =
        Files.newBufferedReader(DIR.resolve("reuters21578-train.jsonl"), StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        JsonNode n = json.readTree(line);
        Set<String> places = new LinkedHashSet<>();
        for (JsonNode p : n.path("places")) {
          String code = iso.get(p.asText());
          if (code == null) {
            throw new IllegalStateException("no ISO code for Reuters place " + p.asText());
          }
          places.add(code);
        }
        docs.add(
            new Doc(
                n.path("id").asText(),
                n.path("title").asText(""),
                n.path("dateline").asText(""),
                n.path("body").asText(""),
                places));
      }
    }
    return docs;
  }

  private ReutersSet() {}
}
