package dev.wirewatch.indexer.web.search;

import static dev.wirewatch.indexer.web.Responses.JSON;
import static dev.wirewatch.indexer.web.Responses.clip;
import static dev.wirewatch.indexer.web.Responses.integer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wirewatch.indexer.search.Highlight;
import dev.wirewatch.indexer.search.SearchHit;
import dev.wirewatch.indexer.search.SearchPage;
import dev.wirewatch.indexer.search.SearchRequest;
import dev.wirewatch.indexer.web.BadRequest;
import dev.wirewatch.indexer.web.Handler;
import dev.wirewatch.indexer.web.Responses;
import dev.wirewatch.indexer.web.SearchScope;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * {@code GET /api/export?format=csv|jsonl&limit=N} with the search's own parameters ({@code q,
 * topic, place, source, lang, from, to, sort, collapse}): the matching articles, in the search's
 * order, one row each — id, title, url, source, publishedAt, topics, places, storyId, copyOf, text.
 *
 * <p>Streamed a page at a time, so memory stays flat whatever the limit; at most {@value
 * #MAX_LIMIT} rows (the deepest a search pages), {@value #DEFAULT_LIMIT} unless {@code limit} says
 * otherwise. A bad parameter is a 400 before anything is written. In CSV (RFC 4180, UTF-8, a header
 * row) a cell that a spreadsheet would run as a formula ({@code = + - @} first) is written with a
 * leading apostrophe; JSON Lines keeps every value exactly.
 */
public final class ExportHandler implements Handler {
  /** Rows unless {@code limit} is given. */
  public static final int DEFAULT_LIMIT = 1_000;

  /** Most rows one export gives: the deepest a search pages. */
  public static final int MAX_LIMIT = SearchRequest.MAX_DEPTH;

  private static final int BATCH = 250;

  private static final List<String> COLUMNS =
      List.of(
          "id",
          "title",
          "url",
          "source",
          "publishedAt",
          "topics",
          "places",
          "storyId",
          "copyOf",
          "text");

  private final SearchScope scope;

  public ExportHandler(SearchScope scope) {
    this.scope = scope;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/api/export", this::export);
  }

  private enum Format {
    CSV("text/csv; charset=utf-8", "csv"),
    JSONL("application/x-ndjson; charset=utf-8", "jsonl");

    final String contentType;
    final String extension;

    Format(String contentType, String extension) {
      this.contentType = contentType;
      this.extension = extension;
    }
  }

  private static Format format(String v) {
    if (v == null || v.isBlank()) {
      return Format.CSV;
    }
    return switch (v.strip().toLowerCase(Locale.ROOT)) {
      case "csv" -> Format.CSV;
      case "jsonl", "ndjson" -> Format.JSONL;
      default -> throw new BadRequest("format must be csv or jsonl, got '" + clip(v) + "'");
    };
  }

  private void export(Context ctx) throws IOException {
    Format format = format(ctx.queryParam("format"));
    int limit = integer(ctx, "limit", DEFAULT_LIMIT);
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new BadRequest("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
    }
    SearchRequest asked = SearchParams.read(ctx, null, 10);
    int batch = Math.min(BATCH, limit);
    // the first page before any byte is written: a bad query is still a clean 400
    SearchPage first = scope.of(ctx).search(page(asked, 1, batch), Highlight.NONE);
    ctx.status(200);
    ctx.contentType(format.contentType);
    ctx.header(
        "Content-Disposition",
        "attachment; filename=\"wirewatch-export." + format.extension + "\"");
    ctx.header("X-Total-Count", Long.toString(Math.min(first.total(), limit)));
    Writer out = new OutputStreamWriter(ctx.res().getOutputStream(), StandardCharsets.UTF_8);
    if (format == Format.CSV) {
      out.write(String.join(",", COLUMNS));
      out.write("\r\n");
    }
    int written = 0;
    SearchPage page = first;
    for (int p = 1; ; p++) {
      if (p > 1) {
        page = scope.of(ctx).search(page(asked, p, batch), Highlight.NONE);
      }
      for (SearchPage.Hit h : page.hits()) {
        if (written == limit) {
          break;
        }
        write(out, format, h.article());
        written++;
      }
      if (written == limit || page.hits().size() < batch || (long) (p + 1) * batch > MAX_LIMIT) {
        break;
      }
      out.flush();
    }
    out.flush();
  }

  private static SearchRequest page(SearchRequest r, int page, int size) {
    return new SearchRequest(
        r.query(),
        r.topics(),
        r.places(),
        r.sources(),
        r.languages(),
        r.from(),
        r.to(),
        r.order(),
        page,
        size,
        r.collapseStories(),
        1);
  }

  private static void write(Writer out, Format format, SearchHit h) throws IOException {
    if (format == Format.JSONL) {
      ObjectNode o = Responses.summary(h);
      o.put("text", h.text());
      out.write(JSON.writeValueAsString(o));
      out.write("\n");
      return;
    }
    List<String> cells =
        List.of(
            nz(h.id()),
            nz(h.title()),
            nz(h.url()),
            nz(h.source()),
            h.publishedAt() == null ? "" : h.publishedAt().toString(),
            String.join(";", h.topics()),
            String.join(";", h.places()),
            nz(h.storyId()),
            nz(h.copyOf()),
            nz(h.text()));
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.write(csv(cells.get(i)));
    }
    out.write("\r\n");
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  /** One CSV cell: quoted, quotes doubled; a would-be formula defused with an apostrophe. */
  static String csv(String v) {
    String s = v;
    if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
      s = "'" + s;
    }
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }
}
