package dev.wirewatch.ingest.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and validates a sources file ({@code config/sources.yaml}). Every problem names the file,
 * the key ({@code sources[3].pollInterval}) and what is wrong.
 */
public final class SourcesFile {
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(s|m|h|d)");
  private static final Set<String> KEYS =
      Set.of(
          "id",
          "url",
          "kind",
          "pollInterval",
          "labels",
          "language",
          "fetchLinkedPages",
          "allowPrivateNetwork");

  private SourcesFile() {}

  /** An invalid sources file. */
  public static final class InvalidSourcesException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InvalidSourcesException(String origin, String key, String problem) {
      super(origin + ": " + key + ": " + problem);
    }
  }

  public static Sources load(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new InvalidSourcesException(
          file.toString(), "(file)", "cannot read: " + e.getMessage());
    }
  }

  public static Sources parse(String yaml, String origin) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
    } catch (JsonProcessingException e) {
      throw new InvalidSourcesException(
          origin, "(file)", "not valid YAML: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject() || !root.path("sources").isArray()) {
      throw new InvalidSourcesException(
          origin, "sources", "missing: expected a list under 'sources:'");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!f.equals("sources") && !f.equals("settings")) {
        throw new InvalidSourcesException(origin, f, "unknown key (known: settings, sources)");
      }
    }
    IngestSettings settings = settings(root.get("settings"), origin);
    List<SourceConfig> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    JsonNode list = root.get("sources");
    for (int i = 0; i < list.size(); i++) {
      JsonNode s = list.get(i);
      String key = "sources[" + i + "]";
      if (!s.isObject()) {
        throw new InvalidSourcesException(
            origin, key, "must be a mapping with at least id and url");
      }
      for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        if (!KEYS.contains(f)) {
          throw new InvalidSourcesException(
              origin, key + "." + f, "unknown key (known: " + KEYS + ")");
        }
      }
      String id = text(s, "id");
      if (id == null || !ID.matcher(id).matches()) {
        throw new InvalidSourcesException(
            origin,
            key + ".id",
            id == null
                ? "missing"
                : "'" + id + "' must be lower-case letters, digits, '.', '_' or '-'");
      }
      if (!ids.add(id)) {
        throw new InvalidSourcesException(origin, key + ".id", "duplicate source id '" + id + "'");
      }
      String url = text(s, "url");
      if (url == null) {
        throw new InvalidSourcesException(origin, key + ".url", "missing");
      }
      try {
        URI u = new URI(url);
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) {
          throw new InvalidSourcesException(
              origin, key + ".url", "'" + url + "' must be an absolute http(s) URL");
        }
      } catch (java.net.URISyntaxException e) {
        throw new InvalidSourcesException(
            origin, key + ".url", "'" + url + "' is not a URL: " + e.getReason());
      }
      SourceKind kind = SourceKind.FEED;
      String k = text(s, "kind");
      if (k != null) {
        switch (k.toLowerCase(Locale.ROOT)) {
          case "feed", "rss", "atom", "rdf", "json", "jsonfeed" -> kind = SourceKind.FEED;
          case "sitemap", "news-sitemap" -> kind = SourceKind.SITEMAP;
          case "page", "article" -> kind = SourceKind.PAGE;
          default ->
              throw new InvalidSourcesException(
                  origin,
                  key + ".kind",
                  "'" + k + "' is not one of feed, rss, atom, json, sitemap, page");
        }
      }
      Duration interval = SourceConfig.DEFAULT_POLL_INTERVAL;
      String iv = text(s, "pollInterval");
      if (iv != null) {
        interval = duration(iv, origin, key + ".pollInterval");
        if (interval.compareTo(SourceConfig.MIN_POLL_INTERVAL) < 0) {
          throw new InvalidSourcesException(
              origin,
              key + ".pollInterval",
              "'"
                  + iv
                  + "' is shorter than the minimum of "
                  + SourceConfig.MIN_POLL_INTERVAL.toSeconds()
                  + "s");
        }
      }
      List<String> labels = new ArrayList<>();
      if (s.has("labels")) {
        if (!s.get("labels").isArray()) {
          throw new InvalidSourcesException(origin, key + ".labels", "must be a list");
        }
        s.get("labels").forEach(l -> labels.add(l.asText()));
      }
      String lang = text(s, "language");
      if (lang != null && !lang.matches("[a-z]{2}")) {
        throw new InvalidSourcesException(
            origin, key + ".language", "'" + lang + "' must be an ISO 639-1 code such as en");
      }
      out.add(
          new SourceConfig(
              id,
              url,
              kind,
              interval,
              labels,
              lang,
              bool(s, "fetchLinkedPages", true, origin, key),
              bool(s, "allowPrivateNetwork", false, origin, key)));
    }
    return new Sources(settings, out);
  }

  private static IngestSettings settings(JsonNode node, String origin) {
    IngestSettings d = IngestSettings.DEFAULTS;
    if (node == null || node.isNull()) {
      return d;
    }
    if (!node.isObject()) {
      throw new InvalidSourcesException(origin, "settings", "must be a mapping");
    }
    Set<String> known = Set.of("userAgent", "minHostDelay", "maxPageBytes", "maxPagesPerPoll");
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!known.contains(f)) {
        throw new InvalidSourcesException(
            origin, "settings." + f, "unknown key (known: " + known + ")");
      }
    }
    String ua = text(node, "userAgent");
    if (ua != null && !ua.toLowerCase(Locale.ROOT).contains("wirewatch")) {
      throw new InvalidSourcesException(
          origin,
          "settings.userAgent",
          "'" + ua + "' must name Wirewatch, so site operators know who is polling them");
    }
    String delay = text(node, "minHostDelay");
    long maxBytes = d.maxPageBytes();
    if (node.has("maxPageBytes")) {
      JsonNode m = node.get("maxPageBytes");
      if (!m.canConvertToLong() || m.asLong() < 1024) {
        throw new InvalidSourcesException(
            origin, "settings.maxPageBytes", "must be a number of bytes >= 1024, got " + m);
      }
      maxBytes = m.asLong();
    }
    int maxPages = d.maxPagesPerPoll();
    if (node.has("maxPagesPerPoll")) {
      JsonNode m = node.get("maxPagesPerPoll");
      if (!m.canConvertToInt() || m.asInt() < 0) {
        throw new InvalidSourcesException(
            origin, "settings.maxPagesPerPoll", "must be a number >= 0, got " + m);
      }
      maxPages = m.asInt();
    }
    return new IngestSettings(
        ua != null ? ua : d.userAgent(),
        delay != null ? durationOrZero(delay, origin, "settings.minHostDelay") : d.minHostDelay(),
        maxBytes,
        maxPages);
  }

  private static Duration durationOrZero(String text, String origin, String key) {
    return text.strip().equals("0") ? Duration.ZERO : duration(text, origin, key);
  }

  /** Parses {@code 30s}, {@code 15m}, {@code 2h}, {@code 1d}. */
  static Duration duration(String text, String origin, String key) {
    Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new InvalidSourcesException(
          origin, key, "'" + text + "' is not a duration such as 30s, 15m, 2h or 1d");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }

  private static boolean bool(JsonNode s, String field, boolean dflt, String origin, String key) {
    JsonNode v = s.get(field);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isBoolean()) {
      throw new InvalidSourcesException(
          origin, key + "." + field, "must be true or false, got " + v);
    }
    return v.asBoolean();
  }

  private static String text(JsonNode s, String field) {
    JsonNode v = s.get(field);
    return v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank()
        ? null
        : v.asText().strip();
  }
}
