package dev.wirewatch.deploy.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Settings from a YAML file ({@code --config FILE}) and {@code WIREWATCH_*} environment variables,
 * as defaults of the command-line options: what the command line gives wins, then the environment,
 * then the file, then the built-in default.
 *
 * <p>A setting is an option's long name in camel case: {@code --bootstrap-servers} is {@code
 * bootstrapServers}. At the top of the file it applies to every command that has the option; under
 * a command's name ({@code index:}) to that command only. The environment variable of a setting is
 * its option name in capitals ({@code WIREWATCH_BOOTSTRAP_SERVERS}), or with the command first
 * ({@code WIREWATCH_INDEX_PORT}) for one command. The file is checked as a whole when it is read:
 * an unknown setting, a setting no command has, or a value of the wrong type stops the start with
 * the file, the key and what is wrong.
 */
public final class ConfigDefaults implements CommandLine.IDefaultValueProvider {
  private static final YAMLMapper YAML = new YAMLMapper();

  private final JsonNode file;
  private final Map<String, String> env;

  private ConfigDefaults(JsonNode file, Map<String, String> env) {
    this.file = file;
    this.env = env;
  }

  /** A setting the file gets wrong. */
  public static final class BadConfig extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadConfig(String message) {
      super(message);
    }
  }

  /**
   * Reads and checks a file against the commands' options (file null: the environment alone).
   *
   * @throws BadConfig naming the file, the key and what is wrong
   */
  public static ConfigDefaults load(Path path, Map<String, String> env, CommandSpec root) {
    if (path == null) {
      return new ConfigDefaults(YAML.createObjectNode(), env);
    }
    JsonNode tree;
    try {
      tree = YAML.readTree(Files.readString(path));
    } catch (IOException e) {
      throw new BadConfig(path + ": cannot read: " + firstLine(e.getMessage()));
    }
    if (tree == null || tree.isNull() || tree.isMissingNode()) {
      tree = YAML.createObjectNode();
    }
    if (!tree.isObject()) {
      throw new BadConfig(
          path
              + ": expected a mapping of settings at the top, found "
              + tree.getNodeType().toString().toLowerCase(Locale.ROOT));
    }
    Map<String, CommandSpec> commands =
        root.subcommands().entrySet().stream()
            .collect(
                java.util.stream.Collectors.toMap(
                    Map.Entry::getKey, e -> e.getValue().getCommandSpec(), (a, b) -> a));
    for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) tree::fields) {
      String key = e.getKey();
      if (commands.containsKey(key) && e.getValue().isObject()) {
        CommandSpec cmd = commands.get(key);
        for (Map.Entry<String, JsonNode> s :
            (Iterable<Map.Entry<String, JsonNode>>) e.getValue()::fields) {
          OptionSpec o = option(cmd, s.getKey());
          if (o == null) {
            throw new BadConfig(
                path
                    + ": "
                    + key
                    + "."
                    + s.getKey()
                    + ": "
                    + key
                    + " has no such setting (it has: "
                    + String.join(", ", settings(cmd))
                    + ")");
          }
          check(path, key + "." + s.getKey(), o, s.getValue());
        }
        continue;
      }
      OptionSpec any = null;
      for (CommandSpec cmd : commands.values()) {
        OptionSpec o = option(cmd, key);
        if (o != null) {
          any = o;
          check(path, key, o, e.getValue());
        }
      }
      if (any == null) {
        throw new BadConfig(
            path
                + ": "
                + key
                + ": no command has this setting (settings are the options' long names in"
                + " camel case, such as bootstrapServers, or a command's name with its own settings under it)");
      }
    }
    return new ConfigDefaults(tree, env);
  }

  private static void check(Path path, String key, OptionSpec o, JsonNode value) {
    if (!value.isValueNode() || value.isNull()) {
      throw new BadConfig(
          path
              + ": "
              + key
              + ": expected a single value, found "
              + value.getNodeType().toString().toLowerCase(Locale.ROOT));
    }
    String v = value.asText();
    Class<?> type = o.type();
    try {
      if (type == int.class || type == Integer.class) {
        Integer.parseInt(v);
      } else if (type == long.class || type == Long.class) {
        Long.parseLong(v);
      } else if (type == short.class || type == Short.class) {
        Short.parseShort(v);
      } else if ((type == boolean.class || type == Boolean.class)
          && !v.equals("true")
          && !v.equals("false")) {
        throw new NumberFormatException();
      }
    } catch (NumberFormatException e) {
      throw new BadConfig(
          path
              + ": "
              + key
              + ": '"
              + v
              + "' is not "
              + (type == boolean.class || type == Boolean.class
                  ? "true or false"
                  : "a whole number"));
    }
  }

  /** The option whose long name is the setting's name in kebab case, if the command has it. */
  private static OptionSpec option(CommandSpec cmd, String setting) {
    if (setting.isEmpty()
        || setting.equals("config")
        || setting.equals("help")
        || setting.equals("version")) {
      return null;
    }
    return cmd.findOption("--" + kebab(setting));
  }

  private static List<String> settings(CommandSpec cmd) {
    TreeSet<String> out = new TreeSet<>();
    for (OptionSpec o : cmd.options()) {
      String name = o.longestName();
      if (name.startsWith("--") && !List.of("--config", "--help", "--version").contains(name)) {
        out.add(camel(name.substring(2)));
      }
    }
    return new ArrayList<>(out);
  }

  static String kebab(String camel) {
    StringBuilder b = new StringBuilder();
    for (char c : camel.toCharArray()) {
      if (Character.isUpperCase(c)) {
        b.append('-').append(Character.toLowerCase(c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  static String camel(String kebab) {
    StringBuilder b = new StringBuilder();
    boolean up = false;
    for (char c : kebab.toCharArray()) {
      if (c == '-') {
        up = true;
      } else {
        b.append(up ? Character.toUpperCase(c) : c);
        up = false;
      }
    }
    return b.toString();
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec o)
        || !o.longestName().startsWith("--")
        || o.command() == null) {
      return null;
    }
    String name = o.longestName().substring(2);
    if (name.equals("config")) {
      return null;
    }
    String command = o.command().name();
    String envName = name.toUpperCase(Locale.ROOT).replace('-', '_');
    String v = env.get("WIREWATCH_" + command.toUpperCase(Locale.ROOT) + "_" + envName);
    if (v == null) {
      v = env.get("WIREWATCH_" + envName);
    }
    if (v != null) {
      return v;
    }
    JsonNode scoped = file.path(command).path(camel(name));
    if (scoped.isValueNode()) {
      return scoped.asText();
    }
    JsonNode shared = file.path(camel(name));
    return shared.isValueNode() ? shared.asText() : null;
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }
}
