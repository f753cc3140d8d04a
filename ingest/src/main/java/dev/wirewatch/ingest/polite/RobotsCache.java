package dev.wirewatch.ingest.polite;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import dev.wirewatch.ingest.fetch.FetchException;
import dev.wirewatch.ingest.fetch.FetchResult;
import dev.wirewatch.ingest.fetch.HttpFetcher;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * robots.txt rules per host (crawler-commons), fetched through the same guarded fetcher and kept
 * for {@link #TTL}. As RFC 9309 asks: a missing robots.txt (4xx) allows everything; an unreachable
 * one or a 5xx disallows everything until it is fetched again.
 */
public final class RobotsCache {
  /** How long fetched rules are kept. */
  public static final Duration TTL = Duration.ofHours(12);

  /** Largest robots.txt read (RFC 9309 asks for at least 500 KiB). */
  static final long MAX_ROBOTS_BYTES = 512 * 1024;

  /** How long an unreachable robots.txt blocks a host before it is tried again. */
  static final Duration UNREACHABLE_TTL = Duration.ofMinutes(10);

  private final HttpFetcher fetcher;
  private final HostGate gate;
  private final String agentName;
  private final Clock clock;
  private final SimpleRobotRulesParser parser = new SimpleRobotRulesParser();
  private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();

  /**
   * @param unreachable why robots.txt could not be read (so everything is disallowed), or null
   */
  private record Entry(BaseRobotRules rules, long expiresAt, String unreachable) {}

  /**
   * @param agentName the product token matched against User-agent lines, e.g. {@code wirewatch}
   */
  public RobotsCache(HttpFetcher fetcher, HostGate gate, String agentName, Clock clock) {
    this.fetcher = fetcher;
    this.gate = gate;
    this.agentName = agentName.toLowerCase(Locale.ROOT);
    this.clock = clock;
  }

  /** Whether robots.txt lets us fetch the URL. */
  public boolean allowed(String url, String privateAllowedFor) throws InterruptedException {
    return refusal(url, privateAllowedFor) == null;
  }

  /**
   * Why robots.txt keeps us from fetching the URL — its rules, or that it could not be read (no
   * network, a 5xx) — or null when it lets us.
   */
  public String refusal(String url, String privateAllowedFor) throws InterruptedException {
    String key = HostGate.hostKey(url);
    Entry e = cache.get(key);
    if (e == null || e.expiresAt() < clock.millis()) {
      e = load(url, privateAllowedFor);
      cache.put(key, e);
    }
    if (e.rules().isAllowed(url)) {
      return null;
    }
    if (e.unreachable() != null) {
      return "robots.txt could not be read ("
          + e.unreachable()
          + "), so nothing on the host is fetched until it is tried again in "
          + UNREACHABLE_TTL.toMinutes()
          + " min (RFC 9309)";
    }
    return "robots.txt disallows " + url;
  }

  private Entry load(String url, String privateAllowedFor) throws InterruptedException {
    URI u = URI.create(url);
    String robotsUrl = u.getScheme() + "://" + u.getRawAuthority() + "/robots.txt";
    long now = clock.millis();
    try (HostGate.Permit p = gate.acquire(robotsUrl)) {
      FetchResult r = fetcher.fetch(robotsUrl, null, null, privateAllowedFor, MAX_ROBOTS_BYTES);
      BaseRobotRules rules =
          parser.parseContent(
              robotsUrl,
              r.body(),
              r.contentType() == null ? "text/plain" : r.contentType(),
              List.of(agentName));
      if (rules.getCrawlDelay() > 0) {
        gate.setCrawlDelay(url, Duration.ofMillis(rules.getCrawlDelay()));
      }
      return new Entry(rules, now + TTL.toMillis(), null);
    } catch (FetchException e) {
      if (e.getMessage().startsWith("refused")) {
        // The guard refused the host itself: robots.txt is moot, the fetch will be refused too.
        return new Entry(
            new SimpleRobotRules(SimpleRobotRules.RobotRulesMode.ALLOW_ALL),
            now + UNREACHABLE_TTL.toMillis(),
            null);
      }
      if (e.status() >= 400 && e.status() < 500) {
        return new Entry(
            new SimpleRobotRules(SimpleRobotRules.RobotRulesMode.ALLOW_ALL),
            now + TTL.toMillis(),
            null);
      }
      return new Entry(
          new SimpleRobotRules(SimpleRobotRules.RobotRulesMode.ALLOW_NONE),
          now + UNREACHABLE_TTL.toMillis(),
          e.getMessage());
    }
  }
}
