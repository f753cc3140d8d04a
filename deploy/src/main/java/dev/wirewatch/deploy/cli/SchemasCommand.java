package dev.wirewatch.deploy.cli;

import dev.wirewatch.deploy.command.ExitCodes;
import dev.wirewatch.deploy.command.WirewatchCommand;
import dev.wirewatch.schemas.SchemaRegistration;
import dev.wirewatch.schemas.SchemaRegistration.Registered;
import dev.wirewatch.schemas.SchemaRegistration.RegistrationException;
import dev.wirewatch.schemas.Topics;
import dev.wirewatch.schemas.WireFormat;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code wirewatch schemas}: the record schemas in a schema registry. In production producers do
 * not auto-register; an operator runs {@code schemas register} once per release, and the registry's
 * BACKWARD rule refuses a schema that would leave old records unreadable.
 */
@Command(
    name = "schemas",
    mixinStandardHelpOptions = true,
    description = "Manage Wirewatch's record schemas in a schema registry (registry mode).",
    subcommands = {SchemasCommand.Register.class, SchemasCommand.Check.class})
final class SchemasCommand implements Callable<Integer> {
  /** Timeout of each request to the registry (seconds). */
  static final int DEFAULT_TIMEOUT_SECONDS = 10;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "name a subcommand: register or check");
  }

  /** Options shared by the subcommands. */
  static final class RegistryOptions {
    @Option(
        names = "--registry-url",
        required = true,
        paramLabel = "URL",
        description =
            "Base address of the registry, e.g. http://registry:8080 (Apicurio; any Confluent-compatible"
                + " registry for 'register').")
    String registryUrl;

    @Option(
        names = "--config",
        paramLabel = "FILE",
        description = "YAML file of settings (see config/wirewatch.yaml).")
    Path config;

    @Option(
        names = "--timeout-seconds",
        paramLabel = "N",
        defaultValue = "" + DEFAULT_TIMEOUT_SECONDS,
        description = "Timeout of each request (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    WireFormat.Registry registry(CommandSpec spec) {
      try {
        return WireFormat.Registry.of(registryUrl);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
    }

    /** What a subcommand does with the registry; returns its exit code. */
    interface Work {
      int run(
          SchemaRegistration registration,
          WireFormat.Registry registry,
          PrintWriter out,
          PrintWriter err);
    }

    /**
     * Runs a subcommand's work, turning a refusal or an unreachable registry into one line and exit
     * 1.
     */
    int run(CommandSpec spec, Work work) {
      PrintWriter err = spec.commandLine().getErr();
      WireFormat.Registry registry = registry(spec);
      try {
        int code =
            work.run(
                new SchemaRegistration(registry, Duration.ofSeconds(timeoutSeconds)),
                registry,
                spec.commandLine().getOut(),
                err);
        spec.commandLine().getOut().flush();
        return code;
      } catch (RegistrationException e) {
        err.println("wirewatch schemas " + spec.name() + ": " + e.getMessage());
        return ExitCodes.FAILURE;
      }
    }
  }

  /** A subcommand that works on the registry: its options, and one way to run. */
  abstract static class RegistryCommand extends WirewatchCommand {
    @picocli.CommandLine.Mixin RegistryOptions options;

    @Override
    protected int run(PrintWriter out, PrintWriter err) {
      return options.run(spec, this::work);
    }

    /** What the subcommand does with the registry; returns its exit code. */
    abstract int work(
        SchemaRegistration registration,
        WireFormat.Registry registry,
        PrintWriter out,
        PrintWriter err);
  }

  @Command(
      name = "register",
      mixinStandardHelpOptions = true,
      description =
          "Register every version of every topic's value schema under <topic>-value and enforce BACKWARD compatibility.")
  static final class Register extends RegistryCommand {
    @Override
    int work(
        SchemaRegistration registration,
        WireFormat.Registry registry,
        PrintWriter out,
        PrintWriter err) {
      {
        List<Registered> done = registration.registerAll(Topics.defaults(registry));
        for (Registered r : done) {
          out.printf(
              "%-28s %-13s schema id %-5d %s%n",
              r.subject(),
              r.record(),
              r.id(),
              r.current() ? "written by this version" : "older, read only");
        }
        out.println(
            "Registered "
                + done.size()
                + " schema versions at "
                + registry.base()
                + "; compatibility "
                + SchemaRegistration.COMPATIBILITY
                + " on every subject.");
        return 0;
      }
    }
  }

  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description =
          "Check that the registry holds the schemas this version writes (exit 1 when any is missing).")
  static final class Check extends RegistryCommand {
    @Override
    int work(
        SchemaRegistration registration,
        WireFormat.Registry registry,
        PrintWriter out,
        PrintWriter err) {
      {
        List<String> missing = registration.unregistered(Topics.defaults(registry));
        if (missing.isEmpty()) {
          out.println("Every schema this version writes is registered at " + registry.base() + ".");
          return 0;
        }
        err.println(
            "wirewatch schemas check: not registered: "
                + String.join(", ", missing)
                + " (run 'bin/wirewatch schemas register --registry-url "
                + registry.base()
                + "')");
        return ExitCodes.FAILURE;
      }
    }
  }
}
