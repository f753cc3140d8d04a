package dev.wirewatch.deploy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wirewatch.deploy.command.ExitCodes;
import dev.wirewatch.deploy.command.WirewatchCommand;
import dev.wirewatch.ingest.file.TextDecoding;
import dev.wirewatch.processor.clean.CleanedArticle;
import dev.wirewatch.processor.clean.PageCleaner;
import dev.wirewatch.processor.lang.LanguageDetection;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wirewatch extract}: the processor's article extraction on local HTML files. */
@Command(
    name = "extract",
    mixinStandardHelpOptions = true,
    description =
        "Extract the article (text and metadata) from .html or .html.gz files, as the processor does.")
final class ExtractCommand extends WirewatchCommand {
  /** Largest file read, in bytes after decompression: the processor's own limit on a body. */
  static final long MAX_BYTES = 16L * 1024 * 1024;

  @Option(
      names = "--json",
      description =
          "One JSON object per file and line: source, title, byline, publishedAt, language, canonicalUrl, text.")
  boolean json;

  @Parameters(
      paramLabel = "FILE",
      arity = "1..*",
      description = "HTML files, plain or gzip-compressed.")
  List<Path> files;

  @Override
  protected int run(PrintWriter out, PrintWriter err) throws Exception {
    PageCleaner pages = new PageCleaner();
    LanguageDetection languages = new LanguageDetection();
    ObjectMapper mapper = new ObjectMapper();
    int failed = 0;
    for (Path f : files) {
      String html;
      try {
        html = TextDecoding.decode(read(f), true).text();
      } catch (IOException e) {
        err.println(
            "wirewatch extract: "
                + f
                + ": "
                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        failed++;
        continue;
      }
      CleanedArticle a = pages.clean(html, null);
      if (a.text().isBlank()) {
        err.println("wirewatch extract: " + f + ": no article text found");
      }
      if (json) {
        ObjectNode o = mapper.createObjectNode();
        o.put("source", f.toString());
        o.put("title", a.title());
        o.put("byline", a.byline());
        o.put("publishedAt", a.publishedAt() == null ? null : a.publishedAt().toString());
        o.put(
            "language",
            a.language() != null ? a.language() : languages.detect(a.text()).orElse(null));
        o.put("canonicalUrl", a.canonicalUrl());
        o.put("text", a.text());
        out.println(mapper.writeValueAsString(o));
      } else {
        out.println("# " + (a.title() == null ? f.toString() : a.title()));
        out.println();
        out.println(a.text());
        out.println();
      }
      out.flush();
    }
    return failed == 0 ? 0 : ExitCodes.FAILURE;
  }

  private static byte[] read(Path f) throws IOException {
    if (!Files.isRegularFile(f)) {
      throw new IOException("no such file");
    }
    if (Files.size(f) > MAX_BYTES) {
      throw new IOException("file larger than " + MAX_BYTES + " bytes");
    }
    byte[] raw = Files.readAllBytes(f);
    if (raw.length > 2 && (raw[0] & 0xFF) == 0x1F && (raw[1] & 0xFF) == 0x8B) {
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
        byte[] out = in.readNBytes((int) MAX_BYTES + 1);
        if (out.length > MAX_BYTES) {
          throw new IOException("decompresses to more than " + MAX_BYTES + " bytes");
        }
        return out;
      }
    }
    return raw;
  }
}
