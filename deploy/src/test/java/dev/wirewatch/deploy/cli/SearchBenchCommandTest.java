package dev.wirewatch.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wirewatch.indexer.store.ArticleIndex;
import dev.wirewatch.indexer.store.ShardedIndex;
import dev.wirewatch.schemas.Article;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wirewatch bench search}: a smoke test (nothing is asserted on time) that every kind of
 * query of the mix runs through the real HTTP API and is reported on its own line.
 */
class SearchBenchCommandTest {
  @TempDir Path dir;

  @Test
  void everyKindOfTheMixIsAnsweredAndReportedApart() throws Exception {
    String[] words = {"flood", "valley", "police", "harbour", "election", "market", "drought"};
    try (ShardedIndex index = ShardedIndex.open(dir.resolve("index"))) {
      ArticleIndex shard = index.shard(new TopicPartition("news.articles", 0));
      for (int i = 0; i < 60; i++) {
        String a = words[i % words.length];
        String b = words[(i * 3 + 1) % words.length];
        shard.upsert(
            Article.newBuilder()
                .setId("a" + i)
                .setSourceId("source" + (i % 3))
                .setTitle(a + " and " + b + " news")
                .setText("The " + a + " report about the " + b + " was read " + i + " times.")
                .setTopics(List.of(i % 2 == 0 ? "weather" : "politics"))
                .setPlaces(List.of(i % 2 == 0 ? "HT" : "KE"))
                .setStoryId("s" + (i % 20))
                .setPublishedAt(Instant.parse("2024-03-04T10:00:00Z").plusSeconds(i * 60L))
                .setIngestedAt(Instant.parse("2024-03-04T10:00:01Z").plusSeconds(i * 60L))
                .setProcessedAt(Instant.parse("2024-03-04T10:00:02Z").plusSeconds(i * 60L))
                .build());
      }
      shard.commit(Map.of());
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            Map.of(),
            new String[] {
              "bench", "search", "--data-dir", dir.toString(), "--queries", "400", "--warmup", "5"
            });
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("search latency over 60 articles, 400 mixed queries after 5 warm-up")
        .doesNotContain("queries failed");
    for (String kind :
        List.of(
            "word",
            "two-words",
            "phrase",
            "or",
            "prefix",
            "topic",
            "place",
            "collapse",
            "page",
            "filter-only")) {
      assertThat(out.toString()).containsPattern("(?m)^  " + kind + " +median [0-9.]+ ms");
    }
    assertThat(err.toString()).isEmpty();
  }
}
