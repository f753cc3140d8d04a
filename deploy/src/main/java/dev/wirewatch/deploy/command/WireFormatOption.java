package dev.wirewatch.deploy.command;

import dev.wirewatch.schemas.SchemaRegistration;
import dev.wirewatch.schemas.Topics;
import dev.wirewatch.schemas.WireFormat;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code --serde} and {@code --registry-url} options of every command that reads or writes
 * Wirewatch's topics: which wire format the Avro values use (see {@link WireFormat}).
 */
public final class WireFormatOption {
  /** The wire format when --serde is not given: Avro single-object encoding, no registry. */
  static final String DEFAULT_SERDE = "embedded";

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(
      names = "--serde",
      paramLabel = "MODE",
      defaultValue = DEFAULT_SERDE,
      description =
          "Wire format of the topics' values: 'embedded' (Avro single-object encoding, no registry; default)"
              + " or 'registry' (Confluent wire format, schemas in an Apicurio Registry: needs --registry-url).")
  String serde;

  @Option(
      names = "--registry-url",
      paramLabel = "URL",
      description =
          "Base address of the Apicurio Registry in registry mode, e.g. http://registry:8080.")
  String registryUrl;

  /** The chosen format; a bad combination is a usage error naming the value. */
  public WireFormat format() {
    try {
      return WireFormat.parse(serde, registryUrl);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(mixee.commandLine(), e.getMessage());
    }
  }

  /**
   * The standard topics in the chosen format. In registry mode this first checks that the registry
   * holds the schemas this version writes, so a service refuses to start (naming the subjects and
   * the command that fixes it) rather than failing on its first record.
   */
  public Topics topics() {
    return topics(Topics.DEFAULT_PARTITIONS);
  }

  public Topics topics(int partitions) {
    WireFormat format = format();
    Topics topics = Topics.withPartitions(partitions, format);
    if (format instanceof WireFormat.Registry registry) {
      List<String> missing =
          new SchemaRegistration(registry, Duration.ofSeconds(10)).unregistered(topics);
      if (!missing.isEmpty()) {
        throw new IllegalStateException(
            "the registry at "
                + registry.base()
                + " lacks this version's schema for "
                + String.join(", ", missing)
                + ": run 'bin/wirewatch schemas register --registry-url "
                + registry.base()
                + "'");
      }
    }
    return topics;
  }
}
