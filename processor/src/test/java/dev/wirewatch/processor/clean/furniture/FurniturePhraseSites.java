package dev.wirewatch.processor.clean.furniture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wirewatch.testlib.SharedData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * On how many sites of the development sets each literal phrase of the furniture rules occurs, as
 * the start of a block's own text: a phrase seen on one site only is that site's furniture, not a
 * platform's or a language's, and has no place in {@link Furniture} (run with
 * -Dwirewatch.phraseSites=true; a tool, not a test). It reads the rules from the source file, so it
 * counts what is there now.
 */
class FurniturePhraseSites {
  private static final Path SOURCE =
      Path.of("src/main/java/dev/wirewatch/processor/clean/furniture/Furniture.java");

  @Test
  @EnabledIfSystemProperty(named = "wirewatch.phraseSites", matches = "true")
  void countSitesPerPhrase() throws IOException {
    Map<String, Set<String>> sites = new TreeMap<>();
    for (String phrase : phrases(Files.readString(SOURCE))) {
      sites.put(phrase, new HashSet<>());
    }
    Map<String, List<String>> blocksBySite = blocksBySite();
    for (var e : blocksBySite.entrySet()) {
      for (String block : e.getValue()) {
        for (var p : sites.entrySet()) {
          if (block.startsWith(p.getKey())) {
            p.getValue().add(e.getKey());
          }
        }
      }
    }
    System.out.println(sites.size() + " phrases, " + blocksBySite.size() + " sites");
    sites.forEach(
        (phrase, on) ->
            System.out.println(
                String.format(
                    Locale.ROOT, "%3d  %-50s %s", on.size(), phrase, on.size() <= 2 ? on : "")));
  }

  /** The plain-word alternatives of the rules' string literals. */
  static List<String> phrases(String source) {
    List<String> out = new ArrayList<>();
    Matcher lit = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(source);
    while (lit.find()) {
      String regex = lit.group(1).replace("\\\\", "\\");
      for (String alt : regex.split("[|()]")) {
        String words =
            alt.replaceAll("\\\\[bsS]\\*?|\\^|\\$|\\?:?|\\.\\{\\d+,\\d+\\}|\\\\\\.|[*+]", "")
                .strip();
        if (words.length() >= 4
            && words.matches("[\\p{L} '’-]+")
            && (words.contains(" ") || words.length() >= 6)
            && !out.contains(words)) {
          out.add(words);
        }
      }
    }
    return out;
  }

  /** Per site, the lower-cased own text of each block element of its pages. */
  private static Map<String, List<String>> blocksBySite() throws IOException {
    Map<String, List<String>> out = new LinkedHashMap<>();
    Path root = SharedData.require("eval/extraction");
    Path rPages = root.resolve("readability-pages/pages");
    try (Stream<Path> files = Files.list(rPages)) {
      for (Path f : files.toList()) {
        String id = f.getFileName().toString().replace(".html.gz", "");
        out.computeIfAbsent(id, k -> new ArrayList<>()).addAll(blocks(read(f)));
      }
    }
    JsonNode snippets =
        new ObjectMapper().readTree(root.resolve("trafilatura-snippets/snippets.json").toFile());
    for (var it = snippets.fieldNames(); it.hasNext(); ) {
      String id = it.next();
      Path f = root.resolve("trafilatura-snippets/pages").resolve(id + ".gz");
      if (!Files.exists(f)) {
        f = root.resolve("trafilatura-snippets/pages").resolve(id);
      }
      String url = snippets.get(id).path("url").asText("");
      String site = url.replaceFirst("^https?://(www\\.)?", "").replaceFirst("[/:?#].*$", "");
      out.computeIfAbsent(site.isEmpty() ? id : site, k -> new ArrayList<>())
          .addAll(blocks(read(f)));
    }
    return out;
  }

  private static Document read(Path f) throws IOException {
    byte[] raw = Files.readAllBytes(f);
    if (raw.length > 2 && (raw[0] & 0xFF) == 0x1F && (raw[1] & 0xFF) == 0x8B) {
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
        raw = in.readAllBytes();
      }
    }
    return Jsoup.parse(new String(raw, StandardCharsets.UTF_8));
  }

  private static List<String> blocks(Document d) {
    List<String> out = new ArrayList<>();
    for (Element e : d.body() == null ? List.<Element>of() : d.body().getAllElements()) {
      String t = e.text().strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
      if (!t.isEmpty() && t.length() < 300) {
        out.add(t);
      }
    }
    return out;
  }
}
