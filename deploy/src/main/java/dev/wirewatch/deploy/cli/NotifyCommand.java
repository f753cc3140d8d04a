package dev.wirewatch.deploy.cli;

import dev.wirewatch.processor.notify.Notifier;
import dev.wirewatch.processor.notify.WebhookSender;
import dev.wirewatch.processor.watch.Watches;
import dev.wirewatch.processor.watch.WatchesFileException;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wirewatch notify}: alert delivery alone, as a long-running service — news.alerts to each
 * watch's webhook, apart from processing, so that a slow or failing endpoint never holds it back.
 */
@Command(
    name = "notify",
    mixinStandardHelpOptions = true,
    description = "Run the notifier service: deliver news.alerts to the watches' webhooks.")
final class NotifyCommand implements Callable<Integer> {
  @Mixin DataDirOption data;
  @Mixin WireFormatOption wire;

  @Option(
      names = "--bootstrap-servers",
      required = true,
      paramLabel = "HOST:PORT",
      description = "The Kafka cluster.")
  String bootstrapServers;

  @Option(
      names = "--watches",
      paramLabel = "FILE",
      description =
          "Watches file (default: the bundled config/watches.yaml); reloaded when it changes.")
  Path watchesFile;

  @Mixin AdminOptions adminOptions;

  /** The admin port when --admin-port is not given. */
  static final int DEFAULT_ADMIN_PORT = 8084;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    data.initLogging();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Supplier<Watches> watches;
    try {
      watches = ConfigFiles.watches(watchesFile);
    } catch (WatchesFileException e) {
      err.println("wirewatch notify: " + e.getMessage());
      return Main.EXIT_USAGE;
    }
    Notifier notifier =
        new Notifier(bootstrapServers, wire.topics(), watches, WebhookSender.defaults(), Map.of());
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    FunctionCounter.builder("wirewatch.notifier.deliveries", notifier, Notifier::delivered)
        .tag("outcome", "delivered")
        .description("webhook deliveries of alerts, by outcome (failed: given up after retries)")
        .register(metrics);
    FunctionCounter.builder("wirewatch.notifier.deliveries", notifier, Notifier::failed)
        .tag("outcome", "failed")
        .description("webhook deliveries of alerts, by outcome (failed: given up after retries)")
        .register(metrics);
    AdminServer[] admin = new AdminServer[1];
    return ServiceRun.untilStopped(
        "notify",
        new ServiceRun.Service() {
          @Override
          public void start() {
            notifier.start();
            admin[0] =
                adminOptions.start(
                    DEFAULT_ADMIN_PORT,
                    metrics,
                    () ->
                        notifier.failure() == null
                            ? null
                            : "the notifier stopped: " + notifier.failure().getMessage());
            if (admin[0] != null) {
              out.println(adminOptions.describe(admin[0]));
            }
            out.println(
                "Notifier running against "
                    + bootstrapServers
                    + " ("
                    + watches.get().all().size()
                    + " watches). Ctrl-C to stop.");
            out.flush();
          }

          @Override
          public void close() {
            if (admin[0] != null) {
              admin[0].close();
            }
            try {
              notifier.close();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }

          @Override
          public Throwable failure() {
            return notifier.failure();
          }
        },
        err);
  }
}
