package dev.wirewatch.deploy.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wirewatch.deploy.command.ExitCodes;
import dev.wirewatch.deploy.command.WirewatchCommand;
import dev.wirewatch.deploy.config.TopicsFile;
import dev.wirewatch.ingest.file.BoundedLines;
import dev.wirewatch.processor.lang.LanguageDetection;
import dev.wirewatch.processor.tag.ArticleTagger;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wirewatch tag}: the processor's topic and place tagging on a JSON Lines file. */
@Command(
    name = "tag",
    mixinStandardHelpOptions = true,
    description = {
      "Tag articles with their language, topics and places (ISO 3166 codes), as the processor does.",
      "Input: JSON Lines, one {id, title, body} object a line (dateline used when present; language, when present, is trusted as a page's declaration, else the language is detected; other fields ignored); '-' reads standard input."
    })
final class TagCommand extends WirewatchCommand {
  /** Longest input line, in characters: the processor's own limit on an article body, and some. */
  static final long MAX_LINE_CHARS = 16L * 1024 * 1024;

  @Option(
      names = "--json",
      description =
          "One JSON object per input line: {\"id\", \"language\", \"topics\": [...],"
              + " \"places\": [...]}.")
  boolean json;

  @Option(
      names = "--topics",
      paramLabel = "FILE",
      description = "Topics file (default: the shipped config/topics.yaml).")
  Path topicsFile;

  @Parameters(paramLabel = "FILE", description = "JSON Lines file, or - for standard input.")
  String file;

  @Override
  protected int run(PrintWriter out, PrintWriter err) throws Exception {
    ArticleTagger tagger =
        ArticleTagger.of(topicsFile == null ? TopicsFile.bundled() : TopicsFile.load(topicsFile));
    LanguageDetection languages = new LanguageDetection();
    Reader reader;
    if (file.equals("-")) {
      reader =
          new InputStreamReader(
              System.in,
              StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE));
    } else {
      Path p = Path.of(file);
      if (!Files.isRegularFile(p)) {
        return failure(file + ": no such file");
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
    try (BufferedReader in = new BufferedReader(reader, 1 << 16)) {
      BoundedLines lines = new BoundedLines(in, MAX_LINE_CHARS);
      BoundedLines.Line line;
      long n = 0;
      while ((line = lines.next()) != null) {
        n++;
        if (line.tooLong()) {
          err.println(
              "wirewatch tag: "
                  + file
                  + ":"
                  + n
                  + ": line longer than "
                  + MAX_LINE_CHARS
                  + " characters, skipped");
          bad++;
          continue;
        }
        if (line.text().isBlank()) {
          continue;
        }
        JsonNode node;
        try {
          node = mapper.readTree(line.text());
        } catch (JsonProcessingException e) {
          err.println(
              "wirewatch tag: " + file + ":" + n + ": not valid JSON: " + e.getOriginalMessage());
          bad++;
          continue;
        }
        if (node == null || !node.isObject() || !node.hasNonNull("body")) {
          err.println(
              "wirewatch tag: " + file + ":" + n + ": expected an object with at least a \"body\"");
          bad++;
          continue;
        }
        String id = node.hasNonNull("id") ? node.get("id").asText() : Long.toString(n);
        String title = text(node, "title");
        String body = node.get("body").asText();
        String language = languages.decide(text(node, "language"), title, body, null);
        ArticleTagger.Tags tags = tagger.tag(title, text(node, "dateline"), body, language);
        if (json) {
          ObjectNode o = mapper.createObjectNode();
          o.put("id", id);
          o.put("language", language);
          tags.topics().forEach(o.putArray("topics")::add);
          if (tags.topics().isEmpty()) {
            o.putArray("topics");
          }
          tags.places().forEach(o.putArray("places")::add);
          if (tags.places().isEmpty()) {
            o.putArray("places");
          }
          out.println(mapper.writeValueAsString(o));
        } else {
          out.println(
              id
                  + "\tlanguage: "
                  + language
                  + "\ttopics: "
                  + String.join(",", tags.topics())
                  + "\tplaces: "
                  + String.join(",", tags.places()));
        }
      }
    }
    out.flush();
    return bad == 0 ? 0 : ExitCodes.FAILURE;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
