package dev.wirewatch.testlib;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/** A real HTTP server on 127.0.0.1 for tests, with a log of every request it served. */
public final class LoopbackHttpServer implements AutoCloseable {
  static {
    // The JDK server writes headers and body apart; with Nagle on, each small response waits ~40 ms
    // for a delayed ACK. Real servers set TCP_NODELAY; so does this one.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  /**
   * One request: its path, the request headers, and when it started and ended (System.nanoTime; the
   * end is 0 while the response is being written).
   */
  public record Request(String path, Headers headers, long startNanos, long endNanos) {}

  /** Answers one request. */
  @FunctionalInterface
  public interface Handler {
    void handle(HttpExchange exchange) throws IOException;
  }

  private final HttpServer server;
  private final Map<String, Handler> routes = new ConcurrentHashMap<>();
  private final List<Request> log = new CopyOnWriteArrayList<>();
  private volatile Path files;

  public LoopbackHttpServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext(
        "/",
        ex -> {
          long start = System.nanoTime();
          String path = ex.getRequestURI().getPath();
          // Logged before answering: a client may act on the answer before this thread goes on.
          int index;
          synchronized (log) {
            log.add(new Request(path, ex.getRequestHeaders(), start, 0));
            index = log.size() - 1;
          }
          try {
            Handler h = routes.get(path);
            if (h != null) {
              h.handle(ex);
            } else if (files != null && path.startsWith("/files/")) {
              Path f = files.resolve(path.substring("/files/".length())).normalize();
              if (f.startsWith(files) && Files.isRegularFile(f)) {
                send(ex, 200, "application/xml", Files.readAllBytes(f));
              } else {
                send(ex, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
              }
            } else {
              send(ex, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
            }
          } finally {
            long end = System.nanoTime();
            synchronized (log) {
              log.set(index, new Request(path, ex.getRequestHeaders(), start, end));
            }
            ex.close();
          }
        });
    server.start();
  }

  /** Serves the files of a directory under /files/. */
  public LoopbackHttpServer serveFiles(Path dir) {
    this.files = dir.toAbsolutePath().normalize();
    return this;
  }

  public LoopbackHttpServer route(String path, Handler h) {
    routes.put(path, h);
    return this;
  }

  /** Serves a fixed body. */
  public LoopbackHttpServer route(String path, int status, String contentType, String body) {
    return route(path, ex -> send(ex, status, contentType, body.getBytes(StandardCharsets.UTF_8)));
  }

  public static void send(HttpExchange ex, int status, String contentType, byte[] body)
      throws IOException {
    ex.getResponseHeaders().set("Content-Type", contentType);
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public List<Request> requests() {
    return List.copyOf(log);
  }

  public List<Request> requests(String path) {
    return log.stream().filter(r -> r.path().equals(path)).toList();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
