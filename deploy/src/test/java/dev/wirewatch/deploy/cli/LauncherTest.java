package dev.wirewatch.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution's launcher gives the JVM a 1 GB heap unless {@code JAVA_OPTS} chooses the heap
 * (an {@code -Xmx}, or a {@code MaxRAM…} setting as the container image's), and passes {@code
 * JAVA_OPTS} on as it is. Run with a stand-in {@code java} that prints its arguments.
 */
class LauncherTest {
  private static final Path LAUNCHER = Path.of("src", "dist", "bin", "wirewatch");

  @TempDir Path jdk;

  private List<String> javaArgs(String javaOpts) throws IOException, InterruptedException {
    Path java = Files.createDirectories(jdk.resolve("bin")).resolve("java");
    Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    ProcessBuilder pb = new ProcessBuilder("bash", LAUNCHER.toString(), "search", "kenya");
    pb.environment().put("JAVA_HOME", jdk.toString());
    if (javaOpts == null) {
      pb.environment().remove("JAVA_OPTS");
    } else {
      pb.environment().put("JAVA_OPTS", javaOpts);
    }
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out.lines().toList();
  }

  @Test
  void aHeapOfOneGigabyteUnlessJavaOptsChoosesOne() throws Exception {
    assertThat(javaArgs(null)).startsWith("-Xmx1g").endsWith("search", "kenya");
    assertThat(javaArgs("")).startsWith("-Xmx1g");
    assertThat(javaArgs("-Dx=1")).startsWith("-Xmx1g", "-Dx=1");
    assertThat(javaArgs("-Xmx2g")).contains("-Xmx2g").doesNotContain("-Xmx1g");
    assertThat(javaArgs("-Dx=1 -Xmx300m")).contains("-Dx=1", "-Xmx300m").doesNotContain("-Xmx1g");
    assertThat(javaArgs("-XX:MaxRAMPercentage=75"))
        .contains("-XX:MaxRAMPercentage=75")
        .doesNotContain("-Xmx1g");
  }
}
