package dev.wirewatch.indexer.web.alerts;

import dev.wirewatch.schemas.Alert;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What fired: the latest alerts of each watch, newest first, filled from news.alerts — which is the
 * store that survives restarts: a server that starts reads the topic's last {@value #REPLAY} alerts
 * of each partition back into it. Bounded: {@value #PER_WATCH} alerts a watch. An alert seen twice
 * (the same id) is kept once. Thread-safe.
 */
public final class AlertLog {
  /** Alerts kept per watch. */
  public static final int PER_WATCH = 500;

  /** Alerts of each partition of news.alerts read back at start. */
  public static final int REPLAY = 20_000;

  private static final Comparator<Alert> NEWEST_FIRST =
      Comparator.comparing(Alert::getMatchedAt).reversed();

  private final Map<String, Deque<Alert>> byWatch = new HashMap<>();

  public synchronized void add(Alert a) {
    Deque<Alert> alerts = byWatch.computeIfAbsent(a.getWatchId(), w -> new ArrayDeque<>());
    for (Alert known : alerts) {
      if (known.getId().equals(a.getId())) {
        return;
      }
    }
    alerts.addLast(a);
    while (alerts.size() > PER_WATCH) {
      alerts.removeFirst();
    }
  }

  /**
   * The latest alerts, newest first.
   *
   * @param watchId one watch's, or every watch's when null
   */
  public synchronized List<Alert> recent(String watchId, int limit) {
    List<Alert> out = new ArrayList<>();
    if (watchId == null) {
      byWatch.values().forEach(out::addAll);
    } else {
      out.addAll(byWatch.getOrDefault(watchId, new ArrayDeque<>()));
    }
    out.sort(NEWEST_FIRST);
    return List.copyOf(out.subList(0, Math.min(limit, out.size())));
  }
}
