package dev.wirewatch.ingest.polite;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Politeness per host: one request at a time to a host, and at least a minimum delay between the
 * end of one request and the start of the next (the larger of our setting and the host's robots.txt
 * Crawl-delay).
 */
public final class HostGate {
  /** Longest Crawl-delay honoured from a robots.txt: a larger one would stall a source. */
  public static final Duration MAX_CRAWL_DELAY = Duration.ofSeconds(60);

  private final Duration minDelay;
  private final Clock clock;
  private final ConcurrentHashMap<String, Host> hosts = new ConcurrentHashMap<>();

  private static final class Host {
    final ReentrantLock lock = new ReentrantLock(true);
    long nextAllowedMillis;
    Duration crawlDelay = Duration.ZERO;
  }

  public HostGate(Duration minDelay, Clock clock) {
    if (minDelay.isNegative()) {
      throw new IllegalArgumentException(
          "minimum host delay must not be negative, got " + minDelay);
    }
    this.minDelay = minDelay;
    this.clock = clock;
  }

  /** The key of a URL's host: scheme, host and port. */
  public static String hostKey(String url) {
    URI u = URI.create(url);
    return (u.getScheme() + "://" + u.getHost() + ":" + u.getPort()).toLowerCase(Locale.ROOT);
  }

  /** Records a host's robots.txt Crawl-delay (capped at {@link #MAX_CRAWL_DELAY}). */
  public void setCrawlDelay(String url, Duration delay) {
    Host h = hosts.computeIfAbsent(hostKey(url), k -> new Host());
    h.lock.lock();
    try {
      h.crawlDelay = delay.compareTo(MAX_CRAWL_DELAY) > 0 ? MAX_CRAWL_DELAY : delay;
    } finally {
      h.lock.unlock();
    }
  }

  /** A request in progress; closing it starts the host's delay. */
  public interface Permit extends AutoCloseable {
    @Override
    void close();
  }

  /** Waits for the host's turn and returns a permit to close when the request is done. */
  public Permit acquire(String url) throws InterruptedException {
    Host h = hosts.computeIfAbsent(hostKey(url), k -> new Host());
    h.lock.lockInterruptibly();
    long wait = h.nextAllowedMillis - clock.millis();
    if (wait > 0) {
      try {
        Thread.sleep(wait);
      } catch (InterruptedException e) {
        h.lock.unlock();
        throw e;
      }
    }
    return () -> {
      Duration delay = h.crawlDelay.compareTo(minDelay) > 0 ? h.crawlDelay : minDelay;
      h.nextAllowedMillis = clock.millis() + delay.toMillis();
      h.lock.unlock();
    };
  }
}
