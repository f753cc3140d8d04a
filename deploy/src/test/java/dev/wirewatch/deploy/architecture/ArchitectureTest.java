package dev.wirewatch.deploy.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shape DESIGN.md describes, checked on the compiled main classes of every module: modules
 * depend one way, no package of a module depends on itself in a cycle, and the core modules know
 * nothing of YAML, picocli or Javalin (only the indexer's web package serves HTTP).
 */
class ArchitectureTest {
  private static JavaClasses main;

  @BeforeAll
  static void importMainClasses() {
    main =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.wirewatch");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "schemas",
        "broker",
        "language",
        "ingest",
        "processor",
        "notify",
        "indexer",
        "deploy"
      })
  void noPackageCycleInsideAModule(String module) {
    String root = "dev.wirewatch." + module;
    slices()
        .assignedFrom(
            new SliceAssignment() {
              @Override
              public SliceIdentifier getIdentifierOf(JavaClass c) {
                String p = c.getPackageName();
                return p.equals(root) || p.startsWith(root + ".")
                    ? SliceIdentifier.of(p)
                    : SliceIdentifier.ignore();
              }

              @Override
              public String getDescription() {
                return "the packages of " + root;
              }
            })
        .should()
        .beFreeOfCycles()
        .because("packages of a module depend one way (DESIGN.md)")
        .check(main);
  }

  @Test
  void modulesDependOneWay() {
    rule("schemas", List.of("broker", "ingest", "processor", "notify", "indexer", "deploy"))
        .check(main);
    rule("broker", List.of("ingest", "processor", "notify", "indexer", "deploy")).check(main);
    rule(
            "language",
            List.of("schemas", "broker", "ingest", "processor", "notify", "indexer", "deploy"))
        .check(main);
    rule("ingest", List.of("processor", "notify", "indexer", "deploy", "broker")).check(main);
    rule("processor", List.of("ingest", "notify", "indexer", "deploy", "broker")).check(main);
    rule("notify", List.of("ingest", "indexer", "deploy", "broker")).check(main);
    rule("indexer", List.of("ingest", "processor", "notify", "deploy", "broker")).check(main);
  }

  @Test
  void coreModulesKnowNothingOfYamlPicocliOrJavalin() {
    noClasses()
        .that()
        .resideInAnyPackage(core())
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.fasterxml.jackson.dataformat.yaml..", "org.yaml..", "picocli..")
        .because("configuration is read at the edge (deploy) into validated records")
        .check(main);
    noClasses()
        .that()
        .resideInAnyPackage(core())
        .and()
        .resideOutsideOfPackage("dev.wirewatch.indexer.web..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.javalin..")
        .because("only the indexer's web package serves HTTP")
        .check(main);
  }

  private static String[] core() {
    return new String[] {
      "dev.wirewatch.schemas..",
      "dev.wirewatch.ingest..",
      "dev.wirewatch.processor..",
      "dev.wirewatch.notify..",
      "dev.wirewatch.indexer..",
      "dev.wirewatch.broker..",
      "dev.wirewatch.language.."
    };
  }

  private static ArchRule rule(String module, List<String> notOn) {
    return noClasses()
        .that()
        .resideInAPackage("dev.wirewatch." + module + "..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            notOn.stream().map(m -> "dev.wirewatch." + m + "..").toArray(String[]::new))
        .because(
            "modules depend one way: schemas, language ← ingest, processor, indexer ← notify ←"
                + " deploy");
  }
}
