package dev.wirewatch.deploy.registry;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Apicurio Registry server for the tests: the Quarkus app that Maven unpacked from Maven
 * Central's zip into {@code target/apicurio-registry} (see deploy/pom.xml), run as a child JVM on
 * 127.0.0.1 with its default in-memory storage.
 */
public final class ApicurioServer implements AutoCloseable {
  private final Process process;
  private final int port;
  private final Path log;

  private ApicurioServer(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Starts the server and waits until {@code /health/ready} answers 200 (about 6 s here). */
  public static ApicurioServer start() throws IOException, InterruptedException {
    String dirProperty = System.getProperty("wirewatch.apicurio.dir");
    if (dirProperty == null) {
      throw new IllegalStateException(
          "wirewatch.apicurio.dir is not set: run this test through Maven (failsafe),"
              + " which unpacks the registry server first");
    }
    Path dir = Path.of(dirProperty);
    Path runner;
    try (Stream<Path> files = Files.list(dir)) {
      runner =
          files
              .filter(p -> p.getFileName().toString().endsWith("-runner.jar"))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "no *-runner.jar in " + dir + ": is the Apicurio zip unpacked?"));
    }
    int port = dev.wirewatch.testlib.FreePorts.pick();
    Path log = dir.resolve("registry-" + port + ".log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                List.of(
                    java,
                    "-Xmx384m",
                    "-Dquarkus.http.host=127.0.0.1",
                    "-Dquarkus.http.port=" + port,
                    // No telemetry, no dev UI, no outbound calls: tests never reach the internet.
                    "-Dquarkus.otel.sdk.disabled=true",
                    "-Dquarkus.analytics.disabled=true",
                    "-jar",
                    runner.toString()))
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    ApicurioServer server = new ApicurioServer(p, port, log);
    try {
      server.awaitReady(Duration.ofSeconds(90));
    } catch (IOException | InterruptedException | RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  private void awaitReady(Duration limit) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "Apicurio Registry exited with " + process.exitValue() + "; see " + log);
      }
      try {
        HttpResponse<Void> r =
            http.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/health/ready"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("Apicurio Registry not ready within " + limit + "; see " + log);
  }

  /** The base address, e.g. {@code http://127.0.0.1:41234}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
