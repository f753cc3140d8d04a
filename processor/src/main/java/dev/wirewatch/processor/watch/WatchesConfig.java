package dev.wirewatch.processor.watch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.wirewatch.processor.tag.TaggingAnalyzer;
import dev.wirewatch.processor.tag.TopicsConfig;
import dev.wirewatch.processor.tag.TopicsFileException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;

/**
 * Reads and validates a watches file ({@code config/watches.yaml}):
 *
 * <pre>
 * targets:
 *   - {id: log, type: log}
 *   - {id: newsroom, type: webhook, url: https://hooks.example.org/wirewatch, secretEnv: NEWSROOM_SECRET}
 * watches:
 *   - id: kenya-haiti
 *     query: 'kenya AND haiti'
 *     topics: [haiti]          # optional filters: one of each listed
 *     places: [HT, KE]
 *     languages: [en]
 *     alerts: [new-story, burst]   # default: both
 *     deliver: [log, newsroom]
 * burst: {minCount: 5, sigmas: 3, baselineDays: 14}   # optional
 * </pre>
 *
 * Every problem is reported with the file, the key ({@code watches[1].deliver[0]}) and what is
 * wrong.
 */
public final class WatchesConfig {
  /** Classpath location of the watches shipped with Wirewatch (copied from config/watches.yaml). */
  public static final String BUNDLED_RESOURCE = "dev/wirewatch/config/watches.yaml";

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
  private static final Set<String> ROOT_KEYS = Set.of("targets", "watches", "burst");
  private static final Set<String> WATCH_KEYS =
      Set.of("id", "query", "topics", "places", "languages", "alerts", "deliver");
  private static final Set<String> TARGET_KEYS = Set.of("id", "type", "url", "secret", "secretEnv");
  private static final Set<String> BURST_KEYS = Set.of("minCount", "sigmas", "baselineDays");
  private static final Set<String> KINDS = Set.of(WatchDefinition.NEW_STORY, WatchDefinition.BURST);

  private WatchesConfig() {}

  /** The watches shipped with Wirewatch. */
  public static Watches bundled() {
    try (InputStream in =
        WatchesConfig.class.getClassLoader().getResourceAsStream(BUNDLED_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "bundled " + BUNDLED_RESOURCE + " is missing from the classpath");
      }
      return parse(
          new String(in.readAllBytes(), StandardCharsets.UTF_8),
          "bundled watches.yaml",
          System::getenv);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read bundled watches", e);
    }
  }

  /** Loads a watches file; secrets named by {@code secretEnv} come from the environment. */
  public static Watches load(Path file) {
    String yaml;
    try {
      yaml = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new WatchesFileException(file.toString(), "cannot read: " + e.getMessage(), e);
    }
    return parse(yaml, file.toString(), System::getenv);
  }

  /**
   * Parses watches from YAML text; {@code origin} names it in errors, {@code env} resolves
   * secretEnv.
   */
  public static Watches parse(String yaml, String origin, Function<String, String> env) {
    JsonNode root;
    try {
      root =
          new ObjectMapper(new YAMLFactory())
              .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
              .readTree(yaml);
    } catch (JsonProcessingException e) {
      throw new WatchesFileException(origin, "not valid YAML: " + e.getOriginalMessage(), e);
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return Watches.NONE;
    }
    if (!root.isObject()) {
      throw new WatchesFileException(
          origin, "(root)", "must be a mapping with targets, watches and burst");
    }
    checkKeys(root, ROOT_KEYS, origin, "(root)");
    Map<String, DeliveryTarget> targets = new LinkedHashMap<>();
    JsonNode ts = root.path("targets");
    if (!ts.isMissingNode() && !ts.isNull()) {
      if (!ts.isArray()) {
        throw new WatchesFileException(origin, "targets", "must be a list");
      }
      for (int i = 0; i < ts.size(); i++) {
        DeliveryTarget t = target(ts.get(i), origin, "targets[" + i + "]", env);
        if (targets.put(t.id(), t) != null) {
          throw new WatchesFileException(
              origin, "targets[" + i + "].id", "duplicate target id '" + t.id() + "'");
        }
      }
    }
    BurstRules burst = BurstRules.DEFAULT;
    JsonNode b = root.path("burst");
    if (!b.isMissingNode() && !b.isNull()) {
      if (!b.isObject()) {
        throw new WatchesFileException(
            origin, "burst", "must be a mapping with minCount, sigmas, baselineDays");
      }
      checkKeys(b, BURST_KEYS, origin, "burst");
      try {
        burst =
            new BurstRules(
                intOr(b, "minCount", BurstRules.DEFAULT.minCount(), origin),
                doubleOr(b, "sigmas", BurstRules.DEFAULT.sigmas(), origin),
                intOr(b, "baselineDays", BurstRules.DEFAULT.baselineDays(), origin));
      } catch (IllegalArgumentException e) {
        throw new WatchesFileException(origin, "burst", e.getMessage());
      }
    }
    List<WatchDefinition> watches = new ArrayList<>();
    JsonNode ws = root.path("watches");
    if (!ws.isMissingNode() && !ws.isNull()) {
      if (!ws.isArray()) {
        throw new WatchesFileException(origin, "watches", "must be a list");
      }
      Set<String> ids = new LinkedHashSet<>();
      Analyzer analyzer = new TaggingAnalyzer();
      for (int i = 0; i < ws.size(); i++) {
        String key = "watches[" + i + "]";
        JsonNode w = ws.get(i);
        if (!w.isObject()) {
          throw new WatchesFileException(
              origin, key, "must be a mapping with id, query and deliver");
        }
        checkKeys(w, WATCH_KEYS, origin, key);
        String id = id(w, origin, key);
        if (!ids.add(id)) {
          throw new WatchesFileException(origin, key + ".id", "duplicate watch id '" + id + "'");
        }
        String queryText = required(w, "query", origin, key);
        org.apache.lucene.search.Query query;
        try {
          query = TopicsConfig.parseQuery(queryText, analyzer, origin, key);
        } catch (TopicsFileException e) {
          throw new WatchesFileException(
              origin,
              key + ".query",
              e.getMessage().substring(e.getMessage().lastIndexOf(".query: ") + 8));
        }
        Set<String> places = strings(w, "places", origin, key);
        for (String p : places) {
          if (!COUNTRY.matcher(p).matches()) {
            throw new WatchesFileException(
                origin, key + ".places", "'" + p + "' is not an ISO 3166-1 alpha-2 code (like HT)");
          }
        }
        Set<String> kinds = strings(w, "alerts", origin, key);
        for (String k : kinds) {
          if (!KINDS.contains(k)) {
            throw new WatchesFileException(
                origin, key + ".alerts", "unknown alert kind '" + k + "' (known: " + KINDS + ")");
          }
        }
        if (kinds.isEmpty()) {
          kinds = KINDS;
        }
        List<String> deliver = new ArrayList<>(strings(w, "deliver", origin, key));
        for (int d = 0; d < deliver.size(); d++) {
          if (!targets.containsKey(deliver.get(d))) {
            throw new WatchesFileException(
                origin,
                key + ".deliver[" + d + "]",
                "no target '" + deliver.get(d) + "' (targets: " + targets.keySet() + ")");
          }
        }
        Set<String> languages = new LinkedHashSet<>();
        strings(w, "languages", origin, key)
            .forEach(l -> languages.add(l.toLowerCase(Locale.ROOT)));
        watches.add(
            new WatchDefinition(
                id,
                queryText,
                query,
                strings(w, "topics", origin, key),
                places,
                languages,
                kinds,
                deliver));
      }
    }
    return new Watches(watches, targets, burst);
  }

  private static DeliveryTarget target(
      JsonNode t, String origin, String key, Function<String, String> env) {
    if (!t.isObject()) {
      throw new WatchesFileException(origin, key, "must be a mapping with id and type");
    }
    checkKeys(t, TARGET_KEYS, origin, key);
    String id = id(t, origin, key);
    String type = required(t, "type", origin, key);
    switch (type) {
      case "log" -> {
        return new DeliveryTarget(id, DeliveryTarget.Type.LOG, null, null);
      }
      case "webhook" -> {
        String url = required(t, "url", origin, key);
        URI uri;
        try {
          uri = new URI(url);
        } catch (URISyntaxException e) {
          throw new WatchesFileException(
              origin, key + ".url", "'" + url + "' is not a URL: " + e.getReason());
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
            || uri.getHost() == null) {
          throw new WatchesFileException(
              origin, key + ".url", "'" + url + "' must be an http(s) URL with a host");
        }
        String secret = t.hasNonNull("secret") ? t.get("secret").asText() : null;
        if (t.hasNonNull("secretEnv")) {
          String name = t.get("secretEnv").asText();
          secret = env.apply(name);
          if (secret == null || secret.isEmpty()) {
            throw new WatchesFileException(
                origin, key + ".secretEnv", "environment variable " + name + " is not set");
          }
        }
        if (secret == null || secret.isEmpty()) {
          throw new WatchesFileException(
              origin, key, "a webhook needs a signing secret: secretEnv (or secret)");
        }
        return new DeliveryTarget(id, DeliveryTarget.Type.WEBHOOK, uri, secret);
      }
      default ->
          throw new WatchesFileException(
              origin, key + ".type", "unknown type '" + type + "' (known: log, webhook)");
    }
  }

  private static void checkKeys(JsonNode n, Set<String> known, String origin, String key) {
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!known.contains(name)) {
        throw new WatchesFileException(
            origin, key + "." + name, "unknown key (known: " + known + ")");
      }
    }
  }

  private static String id(JsonNode n, String origin, String key) {
    String id = required(n, "id", origin, key);
    if (!ID.matcher(id).matches()) {
      throw new WatchesFileException(
          origin,
          key + ".id",
          "'" + id + "' must be lower-case letters, digits and '-', at most 63");
    }
    return id;
  }

  private static String required(JsonNode n, String field, String origin, String key) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank()) {
      throw new WatchesFileException(origin, key + "." + field, "missing or empty");
    }
    return v.asText().strip();
  }

  private static Set<String> strings(JsonNode n, String field, String origin, String key) {
    JsonNode v = n.get(field);
    Set<String> out = new LinkedHashSet<>();
    if (v == null || v.isNull()) {
      return out;
    }
    if (!v.isArray()) {
      throw new WatchesFileException(origin, key + "." + field, "must be a list, like [a, b]");
    }
    for (int i = 0; i < v.size(); i++) {
      if (!v.get(i).isValueNode() || v.get(i).asText().isBlank()) {
        throw new WatchesFileException(
            origin, key + "." + field + "[" + i + "]", "must be a non-empty string");
      }
      out.add(v.get(i).asText().strip());
    }
    return out;
  }

  private static int intOr(JsonNode n, String field, int dflt, String origin) {
    JsonNode v = n.get(field);
    if (v == null) {
      return dflt;
    }
    if (!v.isInt()) {
      throw new WatchesFileException(origin, "burst." + field, "must be a whole number, got " + v);
    }
    return v.intValue();
  }

  private static double doubleOr(JsonNode n, String field, double dflt, String origin) {
    JsonNode v = n.get(field);
    if (v == null) {
      return dflt;
    }
    if (!v.isNumber()) {
      throw new WatchesFileException(origin, "burst." + field, "must be a number, got " + v);
    }
    return v.doubleValue();
  }
}
