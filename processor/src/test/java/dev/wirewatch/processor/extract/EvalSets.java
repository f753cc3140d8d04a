package dev.wirewatch.processor.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/** The two extraction development sets of ../shared/eval/extraction, decoded once. */
final class EvalSets {
  static final Path ROOT = Path.of("..", "..", "shared", "eval", "extraction");

  /** One page: its case id, URL if known, decoded HTML, and what is expected of it. */
  record Page(
      String id, String url, String html, String truth, List<String> with, List<String> without) {}

  private EvalSets() {}

  static List<Page> readabilityPages() throws IOException {
    Path dir = ROOT.resolve("readability-pages");
    JsonNode truth = new ObjectMapper().readTree(dir.resolve("ground-truth.json").toFile());
    List<Page> pages = new ArrayList<>();
    for (Iterator<String> it = truth.fieldNames(); it.hasNext(); ) {
      String id = it.next();
      Path f = dir.resolve("pages").resolve(id + ".html.gz");
      pages.add(
          new Page(
              id,
              "http://fakehost/test/page.html",
              decode(gunzip(f)),
              truth.get(id).path("articleBody").asText(""),
              List.of(),
              List.of()));
    }
    return pages;
  }

  static List<Page> trafilaturaPages() throws IOException {
    Path dir = ROOT.resolve("trafilatura-snippets");
    JsonNode snippets = new ObjectMapper().readTree(dir.resolve("snippets.json").toFile());
    List<Page> pages = new ArrayList<>();
    for (Iterator<String> it = snippets.fieldNames(); it.hasNext(); ) {
      String id = it.next();
      JsonNode c = snippets.get(id);
      Path f = dir.resolve("pages").resolve(id + ".gz");
      if (!Files.exists(f)) {
        f = dir.resolve("pages").resolve(id);
      }
      List<String> with = new ArrayList<>();
      c.path("with").forEach(n -> with.add(n.asText()));
      List<String> without = new ArrayList<>();
      c.path("without").forEach(n -> without.add(n.asText()));
      pages.add(new Page(id, c.path("url").asText(null), decode(gunzip(f)), null, with, without));
    }
    return pages;
  }

  private static byte[] gunzip(Path f) throws IOException {
    byte[] raw = Files.readAllBytes(f);
    if (raw.length > 2 && (raw[0] & 0xFF) == 0x1F && (raw[1] & 0xFF) == 0x8B) {
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
        return in.readAllBytes();
      }
    }
    return raw;
  }

  /** Decodes as ingest does: valid UTF-8 wins, then a declared charset. */
  private static String decode(byte[] bytes) throws IOException {
    try {
      String utf8 =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(bytes))
              .toString();
      return utf8.startsWith("\uFEFF") ? utf8.substring(1) : utf8;
    } catch (java.nio.charset.CharacterCodingException notUtf8) {
      // use what the page declares
    }
    Document d = Jsoup.parse(new ByteArrayInputStream(bytes), null, "");
    Charset cs = d.charset() == null ? StandardCharsets.UTF_8 : d.charset();
    String s = new String(bytes, cs);
    return s.startsWith("\uFEFF") ? s.substring(1) : s;
  }

  static Map<String, String> index(List<Page> pages, java.util.function.Function<Page, String> f) {
    Map<String, String> m = new LinkedHashMap<>();
    pages.forEach(p -> m.put(p.id(), f.apply(p)));
    return m;
  }
}
