package dev.wirewatch.deploy.command;

import dev.wirewatch.deploy.admin.AdminServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * The {@code --admin-port} and {@code --admin-host} options of the services that have no search API
 * (process, ingest, notify): where their {@link AdminServer} listens. Each service has its own
 * default port so that all of them can run on one machine.
 */
public final class AdminOptions {
  /** The admin server's address when --admin-host is not given. */
  public static final String DEFAULT_ADMIN_HOST = "127.0.0.1";

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
      defaultValue = DEFAULT_ADMIN_HOST,
      description = "Address the admin port listens on (default: ${DEFAULT-VALUE}).")
  String adminHost;

  /**
   * Starts the admin server on the chosen port (or the service's default), or returns null for -1.
   */
  public AdminServer start(
      int defaultPort, PrometheusMeterRegistry metrics, Supplier<String> notReady) {
    int port = adminPort == null ? defaultPort : adminPort;
    if (port < 0) {
      return null;
    }
    return new AdminServer(adminHost, port, metrics, notReady).start();
  }

  /** The line telling the user where the service can be checked. */
  public String describe(AdminServer server) {
    return "Admin: http://" + adminHost + ":" + server.port() + "/health/ready (and /metrics)";
  }

  /**
   * The service with its admin port: the admin server starts before the service (answering "not
   * ready" until it is) and closes after it; where it listens is printed once the service runs.
   */
  public ServiceRun.Service around(
      ServiceRun.Service service,
      int defaultPort,
      PrometheusMeterRegistry metrics,
      Supplier<String> notReady,
      PrintWriter out) {
    return new ServiceRun.Service() {
      private AdminServer admin;

      @Override
      public void start() throws Exception {
        admin = AdminOptions.this.start(defaultPort, metrics, notReady);
        service.start();
        if (admin != null) {
          out.println(describe(admin));
          out.flush();
        }
      }

      @Override
      public void close() {
        if (admin != null) {
          admin.close();
        }
        service.close();
      }

      @Override
      public Throwable failure() {
        return service.failure();
      }
    };
  }
}
