package dev.wirewatch.deploy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wirewatch.processor.tag.TopicTagger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReloadingTopicsTest {
  /** A clock the test moves. */
  static final class MovingClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void aChangedFileIsReloadedAndABrokenOneLeavesThePreviousTopicsInForce(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("topics.yaml");
    Files.writeString(file, "topics:\n  - {id: one, label: One, query: alpha}\n");
    MovingClock clock = new MovingClock();
    ReloadingFile<TopicTagger> topics =
        new ReloadingFile<>(
            "topics", file, f -> new TopicTagger(TopicsFile.load(f)), Duration.ofSeconds(5), clock);
    assertThat(topics.get().tag("alpha", "", List.of())).containsExactly("one");

    Files.writeString(file, "topics:\n  - {id: two, label: Two, query: beta}\n");
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(10)));
    assertThat(topics.get().tag("beta", "", List.of()))
        .as("not checked again before 5 s")
        .isEmpty();
    clock.now = clock.now.plusSeconds(6);
    assertThat(topics.get().tag("beta", "", List.of())).containsExactly("two");

    Files.writeString(file, "topics:\n  - {id: three, label: Three, query: 'gamma AND ('}\n");
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(20)));
    clock.now = clock.now.plusSeconds(6);
    assertThat(topics.get().tag("beta", "", List.of())).containsExactly("two");
  }

  @Test
  void aFileThatDoesNotParseAtStartIsAnError(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("topics.yaml");
    Files.writeString(file, "topics:\n  - {id: Bad Id, label: x, query: y}\n");
    assertThatThrownBy(
            () ->
                new ReloadingFile<>(
                    "topics",
                    file,
                    f -> new TopicTagger(TopicsFile.load(f)),
                    Duration.ofSeconds(5),
                    Clock.systemUTC()))
        .isInstanceOf(ConfigFileException.class)
        .hasMessageContaining("topics[0].id");
  }
}
