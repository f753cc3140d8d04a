package dev.wirewatch.deploy.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wirewatch.deploy.command.ExitCodes;
import dev.wirewatch.deploy.command.UsageException;
import dev.wirewatch.deploy.command.WirewatchCommand;
import dev.wirewatch.ingest.dates.PublishedDates;
import dev.wirewatch.ingest.file.BoundedLines;
import dev.wirewatch.processor.places.Gazetteer;
import dev.wirewatch.processor.places.PlaceTagger;
import dev.wirewatch.processor.story.StoryEngine;
import dev.wirewatch.processor.story.StoryRules;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code wirewatch stories}: the processor's story engine offline, on a JSON Lines file — the same
 * copies and event stories, articles taken in order of publication.
 */
@Command(
    name = "stories",
    mixinStandardHelpOptions = true,
    description = {
      "Group articles into stories (events) and copies, as the processor does, offline.",
      "Input: JSON Lines, one article a line with the fields of a .jsonl import (id, title, body,"
          + " publishedAt or date, dateline; body is optional: a headline alone is an article)."
          + " '-' reads standard input."
    })
final class StoriesCommand extends WirewatchCommand {
  /** Longest input line, in characters: the processor's own limit on an article body, and some. */
  static final long MAX_LINE_CHARS = 16L * 1024 * 1024;

  @Option(
      names = "--json",
      description =
          "One JSON object per article, in input order: {\"id\", \"storyId\", \"copyOf\"} (the"
              + " input's id as given).")
  boolean json;

  @Option(
      names = "--threshold",
      paramLabel = "S",
      description =
          "Similarity at which a headline-only article joins a story (default: the processor's, "
              + StoryRules.DEFAULT_STORY_THRESHOLD
              + ").")
  Double threshold;

  @Option(
      names = "--text-threshold",
      paramLabel = "S",
      description =
          "The same for an article with text (default: the processor's, "
              + StoryRules.DEFAULT_TEXT_THRESHOLD
              + ").")
  Double textThreshold;

  @Parameters(paramLabel = "FILE", description = "JSON Lines file, or - for standard input.")
  String file;

  /** One article of the input. */
  private record Line(
      int number, JsonNode id, String key, String title, String body, String dateline, Long time) {}

  @Override
  protected int run(PrintWriter out, PrintWriter err) throws Exception {
    StoryRules rules = StoryRules.DEFAULT;
    if (threshold != null || textThreshold != null) {
      double headlines = threshold != null ? threshold : rules.storyThreshold();
      double texts = textThreshold != null ? textThreshold : rules.textThreshold();
      UsageException.require(
          headlines > 0 && headlines <= 1, "--threshold must be in (0, 1], got " + headlines);
      UsageException.require(
          texts > 0 && texts <= 1, "--text-threshold must be in (0, 1], got " + texts);
      rules = rules.withStoryThresholds(headlines, texts);
    }
    List<Line> lines = new ArrayList<>();
    int bad = read(lines, err);
    if (bad < 0) {
      return ExitCodes.FAILURE;
    }
    // In order of publication; undated articles keep their place after the dated one before them.
    List<Line> ordered = new ArrayList<>(lines);
    ordered.sort(Comparator.comparingLong(Line::time).thenComparingInt(Line::number));
    StoryEngine engine = StoryEngine.inMemory(rules);
    PlaceTagger places = new PlaceTagger(Gazetteer.bundled());
    Map<Integer, StoryEngine.Assignment> assigned = new HashMap<>();
    for (Line l : ordered) {
      List<String> about = places.tag(l.title(), l.dateline(), l.body() == null ? "" : l.body());
      assigned.put(l.number(), engine.assign(l.key(), l.title(), l.body(), about, l.time()));
    }
    Map<String, JsonNode> idOf = new HashMap<>();
    lines.forEach(l -> idOf.putIfAbsent(l.key(), l.id()));
    if (json) {
      ObjectMapper mapper = new ObjectMapper();
      for (Line l : lines) {
        StoryEngine.Assignment a = assigned.get(l.number());
        ObjectNode o = mapper.createObjectNode();
        o.set("id", l.id());
        o.put("storyId", idOf.get(a.storyId()).asText());
        o.set("copyOf", a.copyOf() == null ? null : idOf.get(a.copyOf()));
        out.println(mapper.writeValueAsString(o));
      }
    } else {
      summary(lines, assigned, out);
    }
    return bad == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
  }

  /** Reads the articles; returns how many lines were bad, or -1 when the file cannot be read. */
  private int read(List<Line> into, PrintWriter err) throws Exception {
    Reader reader;
    if (file.equals("-")) {
      reader =
          new InputStreamReader(
              System.in,
              StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE));
    } else {
      Path p = Path.of(file);
      if (!Files.isRegularFile(p)) {
        failure(file + ": no such file");
        return -1;
      }
      reader =
          new InputStreamReader(
              Files.newInputStream(p),
              StandardCharsets.UTF_8
                  .newDecoder()
                  .onMalformedInput(CodingErrorAction.REPLACE)
                  .onUnmappableCharacter(CodingErrorAction.REPLACE));
    }
    ObjectMapper mapper = new ObjectMapper();
    int bad = 0;
    long lastTime = 0;
    try (BufferedReader in = new BufferedReader(reader, 1 << 16)) {
      BoundedLines lines = new BoundedLines(in, MAX_LINE_CHARS);
      BoundedLines.Line line;
      int n = 0;
      while ((line = lines.next()) != null) {
        n++;
        String problem = null;
        JsonNode node = null;
        if (line.tooLong()) {
          problem = "line longer than " + MAX_LINE_CHARS + " characters, skipped";
        } else if (line.text().isBlank()) {
          continue;
        } else {
          try {
            node = mapper.readTree(line.text());
            if (node == null || !node.isObject()) {
              problem = "expected a JSON object";
            } else if (blank(node, "title") && blank(node, "body")) {
              problem = "no title and no body";
            }
          } catch (JsonProcessingException e) {
            problem = "not valid JSON: " + e.getOriginalMessage();
          }
        }
        if (problem != null) {
          err.println("wirewatch stories: " + file + ":" + n + ": " + problem);
          bad++;
          continue;
        }
        JsonNode id =
            node.hasNonNull("id") ? node.get("id") : mapper.getNodeFactory().textNode("line-" + n);
        Instant published = published(node);
        lastTime = published != null ? published.toEpochMilli() : lastTime;
        into.add(
            new Line(
                n,
                id,
                id.asText(),
                text(node, "title"),
                text(node, "body"),
                text(node, "dateline"),
                lastTime));
      }
    }
    return bad;
  }

  private static Instant published(JsonNode node) {
    JsonNode date = node.hasNonNull("publishedAt") ? node.get("publishedAt") : node.get("date");
    if (date == null || date.isNull()) {
      return null;
    }
    if (date.isIntegralNumber()) {
      return Instant.ofEpochMilli(date.asLong());
    }
    return PublishedDates.parse(date.asText()).orElse(null);
  }

  private static void summary(
      List<Line> lines, Map<Integer, StoryEngine.Assignment> assigned, PrintWriter out) {
    Map<String, int[]> sizes = new LinkedHashMap<>();
    for (Line l : lines) {
      StoryEngine.Assignment a = assigned.get(l.number());
      int[] s = sizes.computeIfAbsent(a.storyId(), k -> new int[2]);
      s[a.copyOf() == null ? 0 : 1]++;
    }
    long copies = sizes.values().stream().mapToLong(s -> s[1]).sum();
    out.printf(
        Locale.ROOT,
        "%d articles in %d stories (%d of them copies of another article)%n",
        lines.size(),
        sizes.size(),
        copies);
    sizes.entrySet().stream()
        .sorted((x, y) -> Integer.compare(y.getValue()[0], x.getValue()[0]))
        .limit(10)
        .forEach(
            e -> {
              Line first =
                  lines.stream().filter(l -> l.key().equals(e.getKey())).findFirst().orElseThrow();
              out.printf(
                  Locale.ROOT,
                  "  %5d articles, %4d copies  %s%n",
                  e.getValue()[0],
                  e.getValue()[1],
                  first.title() == null ? first.key() : first.title());
            });
  }

  private static boolean blank(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() || v.asText().isBlank();
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
