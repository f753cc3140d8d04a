package dev.wirewatch.indexer.web.searches;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wirewatch.indexer.search.ArticleSearcher;
import dev.wirewatch.indexer.search.InvalidQueryException;
import dev.wirewatch.indexer.search.SearchRequest;
import dev.wirewatch.indexer.web.Responses;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A search kept under a name: the query and the filters of the search page, as {@code /api/search}
 * takes them. Checked when saved — the query's syntax, each filter, the dates — so a saved search
 * always runs.
 *
 * @param id the address ({@code /api/searches/{id}}): letters, digits, '.', '_', '-'
 * @param name what the list shows
 * @param q the query; blank for every article
 * @param from a date ({@code 2026-11-28}) or an instant, or null
 * @param to likewise
 * @param sort {@code relevance} or {@code newest}
 * @param collapse one hit per story
 */
public record SavedSearch(
    String id,
    String name,
    String q,
    List<String> topics,
    List<String> places,
    List<String> sources,
    List<String> languages,
    String from,
    String to,
    String sort,
    boolean collapse) {
  public static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");
  private static final int MAX_NAME = 200;
  private static final Set<String> FIELDS =
      Set.of(
          "id", "name", "q", "topic", "place", "source", "lang", "from", "to", "sort", "collapse");

  public SavedSearch {
    topics = List.copyOf(topics);
    places = List.copyOf(places);
    sources = List.copyOf(sources);
    languages = List.copyOf(languages);
  }

  /** A saved search that cannot be kept; the message names the field and the problem. */
  public static final class Invalid extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Invalid(String message) {
      super(message);
    }
  }

  /**
   * Reads and checks a saved search as JSON: {@code {"name": …, "q": …, "topic": […], "place": […],
   * "source": […], "lang": […], "from": …, "to": …, "sort": …, "collapse": true}}.
   *
   * @param origin where the JSON came from, for the message
   * @throws Invalid naming the field and the problem
   */
  public static SavedSearch parse(String id, String json, String origin) {
    String where = "saved search '" + id + "'";
    if (!ID.matcher(id).matches()) {
      throw new Invalid(
          "id: a saved search's id is 1 to 100 letters, digits, '.', '_' or '-', got '"
              + (id.length() > 100 ? id.substring(0, 100) + "…" : id)
              + "'");
    }
    JsonNode n;
    try {
      n = Responses.JSON.readTree(json == null ? "" : json);
    } catch (JsonProcessingException e) {
      throw new Invalid(where + ": not JSON (" + origin + ")");
    }
    if (n == null || !n.isObject()) {
      throw new Invalid(where + ": expected a JSON object");
    }
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!FIELDS.contains(f)) {
        throw new Invalid(where + ": unknown field '" + f + "' (fields: " + FIELDS + ")");
      }
    }
    String name = text(n, "name", where);
    if (name == null || name.isBlank()) {
      name = id;
    }
    if (name.length() > MAX_NAME) {
      throw new Invalid(where + ": name: at most " + MAX_NAME + " characters");
    }
    String q = text(n, "q", where);
    q = q == null ? "" : q.strip();
    try {
      ArticleSearcher.checkSyntax(q);
    } catch (InvalidQueryException e) {
      throw new Invalid(where + ": q: " + e.getMessage());
    }
    String from = date(n, "from", where);
    String to = date(n, "to", where);
    String sort = text(n, "sort", where);
    sort = sort == null || sort.isBlank() ? "relevance" : sort.strip();
    if (!sort.equals("relevance") && !sort.equals("newest")) {
      throw new Invalid(where + ": sort: relevance or newest, got '" + clip(sort) + "'");
    }
    JsonNode c = n.get("collapse");
    if (c != null && !c.isNull() && !c.isBoolean()) {
      throw new Invalid(where + ": collapse: true or false");
    }
    return new SavedSearch(
        id,
        name.strip(),
        q,
        list(n, "topic", where),
        list(n, "place", where),
        list(n, "source", where),
        list(n, "lang", where),
        from,
        to,
        sort,
        c != null && c.asBoolean());
  }

  /** As stored and listed, with the query string the search page, the API and the feed take. */
  public ObjectNode json() {
    ObjectNode o = Responses.JSON.createObjectNode();
    o.put("id", id);
    o.put("name", name);
    o.put("q", q);
    topics.forEach(o.putArray("topic")::add);
    places.forEach(o.putArray("place")::add);
    sources.forEach(o.putArray("source")::add);
    languages.forEach(o.putArray("lang")::add);
    if (from != null) {
      o.put("from", from);
    }
    if (to != null) {
      o.put("to", to);
    }
    o.put("sort", sort);
    o.put("collapse", collapse);
    return o;
  }

  /** {@code q=…&topic=…}: the search as {@code /api/search}, the feed and the page take it. */
  public String params() {
    List<String> p = new ArrayList<>();
    if (!q.isEmpty()) {
      p.add("q=" + enc(q));
    }
    topics.forEach(v -> p.add("topic=" + enc(v)));
    places.forEach(v -> p.add("place=" + enc(v)));
    sources.forEach(v -> p.add("source=" + enc(v)));
    languages.forEach(v -> p.add("lang=" + enc(v)));
    if (from != null) {
      p.add("from=" + enc(from));
    }
    if (to != null) {
      p.add("to=" + enc(to));
    }
    p.add("sort=" + sort);
    if (collapse) {
      p.add("collapse=story");
    }
    return String.join("&", p);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String text(JsonNode n, String field, String where) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new Invalid(where + ": " + field + ": expected text");
    }
    return v.asText();
  }

  private static List<String> list(JsonNode n, String field, String where) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    if (v.isTextual()) {
      out.add(v.asText());
    } else if (v.isArray()) {
      for (JsonNode e : v) {
        if (!e.isTextual()) {
          throw new Invalid(where + ": " + field + ": expected a list of text");
        }
        out.add(e.asText());
      }
    } else {
      throw new Invalid(where + ": " + field + ": expected a list of text");
    }
    List<String> clean = out.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    if (clean.size() > SearchRequest.MAX_FILTER_VALUES) {
      throw new Invalid(
          where + ": " + field + ": at most " + SearchRequest.MAX_FILTER_VALUES + " values");
    }
    for (String s : clean) {
      if (s.length() > 200) {
        throw new Invalid(where + ": " + field + ": a value of at most 200 characters");
      }
    }
    return clean;
  }

  private static String date(JsonNode n, String field, String where) {
    String v = text(n, field, where);
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      SearchRequest.time(field, v, false); // the rule the search will read it with
    } catch (InvalidQueryException e) {
      throw new Invalid(where + ": " + e.getMessage());
    }
    return v.strip();
  }

  private static String clip(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "…" : s;
  }
}
