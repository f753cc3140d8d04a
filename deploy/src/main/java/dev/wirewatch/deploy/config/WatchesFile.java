package dev.wirewatch.deploy.config;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wirewatch.processor.alert.DeliveryTarget;
import dev.wirewatch.processor.alert.EmailSettings;
import dev.wirewatch.processor.alert.WatchDefinition;
import dev.wirewatch.processor.alert.Watches;
import dev.wirewatch.processor.alert.burst.BurstRules;
import dev.wirewatch.schemas.InvalidSettingException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a watches file ({@code config/watches.yaml}) into validated {@link Watches}:
 *
 * <pre>
 * targets:
 *   - {id: log, type: log}
 *   - {id: newsroom, type: webhook, url: https://hooks.example.org/wirewatch, secretEnv: NEWSROOM_SECRET}
 *   - {id: desk, type: email, to: [desk@example.org], from: wirewatch@example.org,
 *      smtpHost: smtp.example.org, smtpPort: 587, smtpTls: starttls, username: wirewatch,
 *      passwordEnv: SMTP_PASSWORD, linkBase: 'https://wirewatch.example.org/'}
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
 * wrong. A webhook's secret is read from the environment variable its {@code secretEnv} names.
 */
public final class WatchesFile {
  /** Classpath location of the watches shipped with Wirewatch (copied from config/watches.yaml). */
  public static final String BUNDLED_RESOURCE = "dev/wirewatch/config/watches.yaml";

  /** The file's shape. */
  record Shape(List<Target> targets, List<Watch> watches, Burst burst) {}

  /** One delivery target as written. */
  record Target(
      String id,
      String type,
      String url,
      String secret,
      String secretEnv,
      List<String> to,
      String from,
      String smtpHost,
      Integer smtpPort,
      String smtpTls,
      String username,
      String passwordEnv,
      String linkBase) {}

  /** One watch as written. */
  record Watch(
      String id,
      String query,
      List<String> topics,
      List<String> places,
      List<String> languages,
      List<String> alerts,
      List<String> deliver) {}

  /** The burst rules as written; each missing value keeps its default. */
  record Burst(Integer minCount, Double sigmas, Integer baselineDays) {}

  private WatchesFile() {}

  /** The watches shipped with Wirewatch. */
  public static Watches bundled() {
    return parse(YamlFiles.resource(BUNDLED_RESOURCE), "bundled watches.yaml", System::getenv);
  }

  /** Loads a watches file; secrets named by {@code secretEnv} come from the environment. */
  public static Watches load(Path file) {
    return parse(YamlFiles.text(file), file.toString(), System::getenv);
  }

  /**
   * Parses watches from YAML text; {@code origin} names it in errors, {@code env} resolves
   * secretEnv.
   */
  public static Watches parse(String yaml, String origin, Function<String, String> env) {
    return YamlFiles.read(
        yaml, origin, Shape.class, new Shape(null, null, null), s -> validate(s, env));
  }

  private static Watches validate(Shape shape, Function<String, String> env) {
    List<DeliveryTarget> targets = YamlFiles.each("targets", shape.targets(), t -> target(t, env));
    List<WatchDefinition> watches =
        YamlFiles.each(
            "watches",
            shape.watches(),
            w ->
                WatchDefinition.of(
                    w.id(),
                    w.query(),
                    strings("topics", w.topics()),
                    strings("places", w.places()),
                    strings("languages", w.languages()),
                    strings("alerts", w.alerts()),
                    List.copyOf(strings("deliver", w.deliver()))));
    BurstRules burst = BurstRules.DEFAULT;
    if (shape.burst() != null) {
      Burst b = shape.burst();
      try {
        burst =
            new BurstRules(
                b.minCount() == null ? BurstRules.DEFAULT.minCount() : b.minCount(),
                b.sigmas() == null ? BurstRules.DEFAULT.sigmas() : b.sigmas(),
                b.baselineDays() == null ? BurstRules.DEFAULT.baselineDays() : b.baselineDays());
      } catch (IllegalArgumentException e) {
        throw new InvalidSettingException("burst", e.getMessage());
      }
    }
    return Watches.of(watches, targets, burst);
  }

  /**
   * One watch as JSON (or YAML) in the shape of a watches file's entry, validated: what {@code PUT
   * /api/watches/{id}} takes and {@code news.watches} holds. The id may be left out; when given it
   * must be {@code id}. Problems name {@code origin}, the key and what is wrong.
   */
  public static WatchDefinition watch(String id, String json, String origin) {
    return YamlFiles.read(
        json,
        origin,
        Watch.class,
        new Watch(null, null, null, null, null, null, null),
        w -> {
          if (w.id() != null && !w.id().equals(id)) {
            throw new InvalidSettingException(
                "id", "must be the watch's id in the address ('" + id + "'), got '" + w.id() + "'");
          }
          return WatchDefinition.of(
              id,
              w.query(),
              strings("topics", w.topics()),
              strings("places", w.places()),
              strings("languages", w.languages()),
              strings("alerts", w.alerts()),
              List.copyOf(strings("deliver", w.deliver())));
        });
  }

  /** A watch as JSON, in the shape {@link #watch} reads. */
  public static ObjectNode json(WatchDefinition w) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("id", w.id());
    n.put("query", w.queryText());
    w.topics().forEach(n.putArray("topics")::add);
    w.places().forEach(n.putArray("places")::add);
    w.languages().forEach(n.putArray("languages")::add);
    w.kinds().stream().sorted().forEach(n.putArray("alerts")::add);
    w.deliver().forEach(n.putArray("deliver")::add);
    return n;
  }

  private static DeliveryTarget target(Target t, Function<String, String> env) {
    if ("email".equals(t.type() == null ? null : t.type().strip())) {
      String password = null;
      if (t.passwordEnv() != null) {
        password = env.apply(t.passwordEnv());
        if (password == null || password.isEmpty()) {
          throw new InvalidSettingException(
              "passwordEnv", "environment variable " + t.passwordEnv() + " is not set");
        }
      }
      return DeliveryTarget.email(
          t.id(),
          EmailSettings.of(
              t.to(),
              t.from(),
              t.smtpHost(),
              t.smtpPort(),
              t.smtpTls(),
              t.username(),
              password,
              "passwordEnv",
              t.linkBase()));
    }
    String secret = t.secret();
    String secretKey = "secret";
    if (t.secretEnv() != null) {
      secretKey = "secretEnv";
      secret = env.apply(t.secretEnv());
      if (secret == null || secret.isEmpty()) {
        throw new InvalidSettingException(
            "secretEnv", "environment variable " + t.secretEnv() + " is not set");
      }
    }
    return DeliveryTarget.of(t.id(), t.type(), t.url(), secret, secretKey);
  }

  private static Set<String> strings(String key, List<String> values) {
    Set<String> out = new LinkedHashSet<>();
    if (values == null) {
      return out;
    }
    for (int i = 0; i < values.size(); i++) {
      String v = values.get(i);
      if (v == null || v.isBlank()) {
        throw new InvalidSettingException(key + "[" + i + "]", "must be a non-empty string");
      }
      out.add(v.strip());
    }
    return out;
  }
}
