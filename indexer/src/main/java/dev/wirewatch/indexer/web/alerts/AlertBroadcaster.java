package dev.wirewatch.indexer.web.alerts;

import dev.wirewatch.schemas.Alert;
import dev.wirewatch.schemas.AlertJson;
import io.javalin.http.sse.SseClient;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Sends alerts (as JSON) to the browsers following them over server-sent events, and keeps the most
 * recent ones so a page opened later shows them at once. Thread-safe.
 */
public final class AlertBroadcaster {
  /** Alerts replayed to a client that connects. */
  public static final int RECENT = 50;

  private final List<SseClient> clients = new CopyOnWriteArrayList<>();
  private final ArrayDeque<String> recent = new ArrayDeque<>();

  /** Registers a client: it gets the recent alerts, then every new one until it goes away. */
  public void add(SseClient client) {
    client.keepAlive();
    client.onClose(() -> clients.remove(client));
    List<String> replay;
    synchronized (recent) {
      replay = new ArrayList<>(recent);
    }
    for (String json : replay) {
      client.sendEvent("alert", json);
    }
    clients.add(client);
  }

  /** An alert to send to every client. */
  public void publish(Alert alert) {
    publish(AlertJson.string(alert));
  }

  public void publish(String json) {
    synchronized (recent) {
      recent.addLast(json);
      while (recent.size() > RECENT) {
        recent.removeFirst();
      }
    }
    for (SseClient c : clients) {
      if (c.terminated()) {
        clients.remove(c);
      } else {
        c.sendEvent("alert", json);
      }
    }
  }

  /** Clients connected now. */
  public int clients() {
    return clients.size();
  }
}
