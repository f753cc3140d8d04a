package dev.wirewatch.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The container files cannot run here (no Docker engine), so they are checked for what can go wrong
 * without running them: every service's command line parses as a wirewatch command (options that
 * exist, values of the right type, required options present), ports and probes agree with the ports
 * the commands listen on, volumes and config maps referenced are declared, the Kafka image is the
 * Kafka this build uses, the ConfigMap carries the repository's config files, and every container
 * asks for resources.
 */
class DeploymentFilesTest {
  private static final Path ROOT = Path.of("..");
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final Pattern VAR = Pattern.compile("\\$\\(([A-Z_]+)\\)");

  /** Parses a command line as the launcher would, failing with picocli's own message. */
  private static void assertParses(String where, List<String> args) {
    CommandLine cl = new CommandLine(new Main());
    try {
      CommandLine.ParseResult r = cl.parseArgs(args.toArray(String[]::new));
      assertThat(r.hasSubcommand()).as(where + ": names a wirewatch command: " + args).isTrue();
    } catch (CommandLine.ParameterException e) {
      throw new AssertionError(where + ": " + args + " does not parse: " + e.getMessage(), e);
    }
  }

  private static String option(List<String> args, String name) {
    int i = args.indexOf(name);
    return i < 0 || i + 1 >= args.size() ? null : args.get(i + 1);
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static String kafkaVersion() throws IOException {
    return pomProperty("kafka.version");
  }

  private static String pomProperty(String name) throws IOException {
    Matcher m =
        Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</")
            .matcher(Files.readString(ROOT.resolve("pom.xml")));
    assertThat(m.find()).as(name + " in pom.xml").isTrue();
    return m.group(1);
  }

  @Test
  void composeServicesAreValidWirewatchCommandsOnTheirPorts() throws Exception {
    JsonNode compose = YAML.readTree(ROOT.resolve("docker-compose.yml").toFile());
    JsonNode services = compose.path("services");
    Set<String> volumes = new HashSet<>();
    compose.path("volumes").fieldNames().forEachRemaining(volumes::add);
    assertThat(services.path("kafka").path("image").asText())
        .isEqualTo("apache/kafka:" + kafkaVersion());
    Set<String> commands = new HashSet<>();
    boolean built = false;
    for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) services::fields) {
      JsonNode s = e.getValue();
      for (JsonNode v : s.path("volumes")) {
        String source = v.isObject() ? v.path("source").asText() : v.asText().split(":")[0];
        if (!source.startsWith(".") && !source.startsWith("/")) {
          assertThat(volumes).as(e.getKey() + " mounts a declared volume").contains(source);
        }
      }
      s.path("depends_on")
          .fieldNames()
          .forEachRemaining(
              d -> assertThat(services.has(d)).as(e.getKey() + " depends on " + d).isTrue());
      if (!s.path("image").asText().startsWith("wirewatch:")) {
        continue;
      }
      if (s.has("build")) {
        built = true;
        assertThat(ROOT.resolve(s.path("build").path("dockerfile").asText())).exists();
      }
      List<String> args = strings(s.path("command"));
      assertParses("compose service " + e.getKey(), args);
      commands.add(args.get(0));
      String registryUrl = option(args, "--registry-url");
      if (registryUrl != null) {
        // the registry is a service of this file, on the port its image listens on
        Matcher m = Pattern.compile("http://([a-z-]+):(\\d+)").matcher(registryUrl);
        assertThat(m.matches()).as(e.getKey() + " registry URL " + registryUrl).isTrue();
        JsonNode reg = services.path(m.group(1));
        assertThat(reg.path("image").asText())
            .as(e.getKey() + " names the registry service")
            .isEqualTo("apicurio/apicurio-registry:" + pomProperty("apicurio.server.version"));
        assertThat(strings(reg.path("ports"))).anyMatch(p -> p.endsWith(":" + m.group(2)));
        if (!args.get(0).equals("schemas")) {
          assertThat(option(args, "--serde"))
              .as(e.getKey() + " is in registry mode")
              .isEqualTo("registry");
          assertThat(s.path("depends_on").path("schemas").path("condition").asText())
              .as(e.getKey() + " starts after the schemas are registered")
              .isEqualTo("service_completed_successfully");
        }
      }
      String port = option(args, "--port");
      if (port != null) {
        assertThat(strings(s.path("ports")))
            .as(e.getKey() + " publishes its port")
            .anyMatch(p -> p.endsWith(":" + port));
        assertThat(s.path("healthcheck").path("test").toString())
            .as(e.getKey() + " checks its port")
            .contains("/" + port);
      }
      String adminPort = option(args, "--admin-port");
      if (adminPort != null) {
        assertThat(s.path("healthcheck").path("test").toString())
            .as(e.getKey() + " checks its admin port")
            .contains("/" + adminPort);
      }
      String bootstrap = option(args, "--bootstrap-servers");
      if (bootstrap != null) {
        assertThat(bootstrap).isEqualTo("kafka:9092");
      }
    }
    assertThat(built).as("a service builds the image").isTrue();
    assertThat(commands).contains("ingest", "process", "index", "serve", "notify", "schemas");
    assertThat(
            services.path("kafka").path("environment").path("KAFKA_ADVERTISED_LISTENERS").asText())
        .contains("kafka:9092");
  }

  @Test
  void dockerfileBuildsTheDistributionAndRunsItsLauncher() throws Exception {
    String dockerfile = Files.readString(ROOT.resolve("deploy/Dockerfile"));
    assertThat(dockerfile)
        .contains("COPY --from=build /src/deploy/target/wirewatch /opt/wirewatch")
        .contains("ENTRYPOINT [\"/opt/wirewatch/bin/wirewatch\"]")
        .contains("FROM eclipse-temurin:17");
    // what the image copies is what the build makes: the distribution, with its launcher
    assertThat(Files.readString(ROOT.resolve("deploy/src/assembly/dist.xml"))).contains("bin");
    assertThat(Files.readString(ROOT.resolve("deploy/pom.xml")))
        .contains("<finalName>wirewatch</finalName>");
  }

  @Test
  void kubernetesManifestsAreConsistent() throws Exception {
    List<JsonNode> docs = new ArrayList<>();
    try (Stream<Path> files = Files.list(ROOT.resolve("deploy/k8s"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        YAMLFactory factory = YAML.getFactory();
        try (var parser = factory.createParser(f.toFile())) {
          YAML.readValues(parser, JsonNode.class)
              .forEachRemaining(
                  d -> {
                    if (d != null && !d.isNull()) {
                      docs.add(d);
                    }
                  });
        }
      }
    }
    Map<String, JsonNode> configMaps = new HashMap<>();
    Map<String, JsonNode> services = new HashMap<>();
    for (JsonNode d : docs) {
      assertThat(d.path("apiVersion").asText()).isNotBlank();
      if (d.path("kind").asText().equals("ConfigMap")) {
        configMaps.put(d.path("metadata").path("name").asText(), d);
      } else if (d.path("kind").asText().equals("Service")) {
        services.put(d.path("metadata").path("name").asText(), d);
      }
    }
    // the ConfigMap is the repository's config/
    JsonNode config = configMaps.get("wirewatch-config");
    assertThat(config).isNotNull();
    for (String f : List.of("sources.yaml", "topics.yaml", "watches.yaml")) {
      assertThat(config.path("data").path(f).asText())
          .as(f)
          .isEqualTo(Files.readString(ROOT.resolve("config").resolve(f)));
    }
    Set<String> kinds = new HashSet<>();
    for (JsonNode d : docs) {
      String kind = d.path("kind").asText();
      if (!kind.equals("Deployment") && !kind.equals("StatefulSet")) {
        continue;
      }
      kinds.add(kind);
      String name = d.path("metadata").path("name").asText();
      JsonNode labels = d.path("spec").path("template").path("metadata").path("labels");
      d.path("spec")
          .path("selector")
          .path("matchLabels")
          .fields()
          .forEachRemaining(
              l ->
                  assertThat(labels.path(l.getKey()).asText())
                      .as(name + " selects its pods")
                      .isEqualTo(l.getValue().asText()));
      JsonNode pod = d.path("spec").path("template").path("spec");
      Set<String> volumes = new HashSet<>();
      pod.path("volumes")
          .forEach(
              v -> {
                volumes.add(v.path("name").asText());
                if (v.has("configMap")) {
                  assertThat(configMaps)
                      .as(name + " mounts a declared ConfigMap")
                      .containsKey(v.path("configMap").path("name").asText());
                }
              });
      d.path("spec")
          .path("volumeClaimTemplates")
          .forEach(v -> volumes.add(v.path("metadata").path("name").asText()));
      if (kind.equals("StatefulSet")) {
        assertThat(d.path("spec").path("volumeClaimTemplates"))
            .as(name + " keeps a volume per pod")
            .isNotEmpty();
        assertThat(services)
            .as(name + "'s governing service")
            .containsKey(d.path("spec").path("serviceName").asText());
      }
      for (JsonNode c : pod.path("containers")) {
        Map<String, String> env = new HashMap<>();
        c.path("env")
            .forEach(
                e ->
                    env.put(
                        e.path("name").asText(),
                        e.has("value") ? e.path("value").asText() : "pod-0"));
        List<String> args = new ArrayList<>();
        for (String a : strings(c.path("args"))) {
          Matcher m = VAR.matcher(a);
          StringBuilder b = new StringBuilder();
          while (m.find()) {
            assertThat(env).as(name + " defines $(" + m.group(1) + ")").containsKey(m.group(1));
            m.appendReplacement(b, Matcher.quoteReplacement(env.get(m.group(1))));
          }
          m.appendTail(b);
          args.add(b.toString());
        }
        assertParses("k8s " + name, args);
        c.path("volumeMounts")
            .forEach(
                v ->
                    assertThat(volumes)
                        .as(name + " mounts " + v.path("name"))
                        .contains(v.path("name").asText()));
        assertThat(c.path("resources").path("requests").path("cpu").asText())
            .as(name + " requests cpu")
            .isNotBlank();
        assertThat(c.path("resources").path("requests").path("memory").asText())
            .as(name + " requests memory")
            .isNotBlank();
        String port =
            option(args, "--port") != null ? option(args, "--port") : option(args, "--admin-port");
        Set<String> portNames = new HashSet<>();
        c.path("ports")
            .forEach(
                p -> {
                  portNames.add(p.path("name").asText());
                  assertThat(p.path("containerPort").asText())
                      .as(name + " exposes the port it listens on")
                      .isEqualTo(port);
                });
        for (String probe : List.of("readinessProbe", "livenessProbe")) {
          JsonNode pr = c.path(probe);
          if (!pr.isMissingNode()) {
            String p = pr.findPath("port").asText();
            assertThat(portNames).as(name + " " + probe + " port").contains(p);
          }
        }
        // every config file a command names is one the ConfigMap mounts
        for (String opt : List.of("--sources", "--topics", "--watches")) {
          String file = option(args, opt);
          if (file != null && file.startsWith("/opt/wirewatch/config/")) {
            assertThat(config.path("data").has(file.substring("/opt/wirewatch/config/".length())))
                .as(name + " " + opt)
                .isTrue();
          }
        }
      }
    }
    assertThat(kinds).contains("Deployment", "StatefulSet");
  }
}
