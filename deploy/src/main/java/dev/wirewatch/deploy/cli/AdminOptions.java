package dev.wirewatch.deploy.cli;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * The {@code --admin-port} and {@code --admin-host} options of the services that have no search API
 * (process, ingest, notify): where their {@link AdminServer} listens. Each service has its own
 * default port so that all of them can run on one machine.
 */
final class AdminOptions {
  @Option(
      names = "--admin-port",
      paramLabel = "PORT",
      description =
          "Port of /health/live, /health/ready and /metrics; 0 for any free port, -1 for none"
              + " (default: 8082 for process, 8083 for ingest, 8084 for notify).")
  Integer adminPort;

  @Option(
      names = "--admin-host",
      paramLabel = "HOST",
      defaultValue = "127.0.0.1",
      description = "Address the admin port listens on (default: ${DEFAULT-VALUE}).")
  String adminHost;

  /**
   * Starts the admin server on the chosen port (or the service's default), or returns null for -1.
   */
  AdminServer start(int defaultPort, PrometheusMeterRegistry metrics, Supplier<String> notReady) {
    int port = adminPort == null ? defaultPort : adminPort;
    if (port < 0) {
      return null;
    }
    return new AdminServer(adminHost, port, metrics, notReady).start();
  }

  /** The line telling the user where the service can be checked. */
  String describe(AdminServer server) {
    return "Admin: http://" + adminHost + ":" + server.port() + "/health/ready (and /metrics)";
  }
}
