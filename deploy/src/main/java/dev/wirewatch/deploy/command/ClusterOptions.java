package dev.wirewatch.deploy.command;

import dev.wirewatch.schemas.Topics;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What every service that runs against a Kafka cluster takes: the cluster ({@code
 * --bootstrap-servers}, required) and the wire format of its topics ({@code --serde}, {@code
 * --registry-url}).
 */
public final class ClusterOptions {
  @Option(
      names = "--bootstrap-servers",
      required = true,
      paramLabel = "HOST:PORT",
      description = "The Kafka cluster.")
  String bootstrapServers;

  @Mixin WireFormatOption wire;

  /** The cluster's address. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** The standard topics in the chosen wire format (checked against the registry if any). */
  public Topics topics() {
    return wire.topics();
  }
}
