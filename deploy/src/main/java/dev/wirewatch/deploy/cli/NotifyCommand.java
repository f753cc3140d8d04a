package dev.wirewatch.deploy.cli;

import dev.wirewatch.deploy.command.AdminOptions;
import dev.wirewatch.deploy.command.ClusterOptions;
import dev.wirewatch.deploy.command.ConfigFileOptions;
import dev.wirewatch.deploy.command.DataDirCommand;
import dev.wirewatch.deploy.command.ServiceRun;
import dev.wirewatch.deploy.command.UsageException;
import dev.wirewatch.deploy.config.ConfigFiles;
import dev.wirewatch.deploy.store.WatchStore;
import dev.wirewatch.notify.Notifier;
import dev.wirewatch.notify.webhook.WebhookSender;
import dev.wirewatch.processor.alert.Watches;
import dev.wirewatch.schemas.TopicAdmin;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code wirewatch notify}: alert delivery alone, as a long-running service — news.alerts to each
 * watch's webhook, apart from processing, so that a slow or failing endpoint never holds it back.
 */
@Command(
    name = "notify",
    mixinStandardHelpOptions = true,
    description = "Run the notifier service: deliver news.alerts to the watches' webhooks.")
final class NotifyCommand extends DataDirCommand {
  /** The admin port when --admin-port is not given. */
  static final int DEFAULT_ADMIN_PORT = 8084;

  @Mixin AdminOptions adminOptions;

  @Mixin ClusterOptions cluster;

  @Mixin ConfigFileOptions.WatchesFile watchesFile;

  @Option(
      names = "--session-timeout-ms",
      paramLabel = "MS",
      defaultValue = "" + Notifier.SESSION_TIMEOUT_MS,
      description =
          "How long the group waits for a notifier that stopped answering before another takes"
              + " its alerts (default: ${DEFAULT-VALUE}; the broker allows 6000 and up by default).")
  int sessionTimeoutMs;

  @Override
  protected int run(PrintWriter out, PrintWriter err) throws Exception {
    UsageException.require(
        sessionTimeoutMs >= 1000,
        "--session-timeout-ms must be at least 1000, got " + sessionTimeoutMs);
    Watches seed = ConfigFiles.watches(watchesFile.file()).get();
    try {
      TopicAdmin.ensureTopics(
          cluster.bootstrapServers(), cluster.topics(), TopicAdmin.BROKER_DEFAULT_REPLICATION);
    } catch (RuntimeException e) {
      return failure(
          "cannot reach Kafka at "
              + cluster.bootstrapServers()
              + " to check its topics: "
              + e.getMessage());
    }
    // The watches in force (their delivery lists): news.watches, seeded from the file when empty
    WatchStore watches =
        WatchStore.open(cluster.bootstrapServers(), cluster.topics().watches(), seed);
    Notifier notifier =
        new Notifier(
            cluster.bootstrapServers(),
            cluster.topics(),
            watches,
            WebhookSender.defaults(),
            Map.of(
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
                sessionTimeoutMs,
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
                Math.max(500, sessionTimeoutMs / 3)));
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    deliveries(metrics, notifier, "delivered", Notifier::delivered);
    deliveries(metrics, notifier, "failed", Notifier::failed);
    ServiceRun.Service run =
        ServiceRun.Service.of(
            () -> {
              notifier.start();
              out.println(
                  "Notifier running against "
                      + cluster.bootstrapServers()
                      + " ("
                      + watches.get().all().size()
                      + " watches). Ctrl-C to stop.");
            },
            () -> {
              try {
                notifier.close();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } finally {
                watches.close();
              }
            },
            notifier::failure);
    Supplier<String> notReady =
        () ->
            notifier.failure() == null
                ? null
                : "the notifier stopped: " + notifier.failure().getMessage();
    return ServiceRun.untilStopped(
        "notify", adminOptions.around(run, DEFAULT_ADMIN_PORT, metrics, notReady, out), err);
  }

  private static void deliveries(
      PrometheusMeterRegistry metrics,
      Notifier notifier,
      String outcome,
      ToDoubleFunction<Notifier> count) {
    FunctionCounter.builder("wirewatch.notifier.deliveries", notifier, count)
        .tag("outcome", outcome)
        .description("webhook deliveries of alerts, by outcome (failed: given up after retries)")
        .register(metrics);
  }
}
