package dev.wirewatch.deploy.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wirewatch.deploy.cli.Main;
import dev.wirewatch.deploy.command.ExitCodes;
import dev.wirewatch.deploy.config.TopicsFile;
import dev.wirewatch.indexer.store.IndexFields;
import dev.wirewatch.processor.ArticleProcessor;
import dev.wirewatch.processor.alert.Watches;
import dev.wirewatch.schemas.Topics;
import dev.wirewatch.testlib.TestBroker;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wirewatch reindex}: rebuilds a lost index from the topics; refuses while the index is in
 * use.
 */
class ReindexIT {
  @TempDir Path brokerDir;
  @TempDir Path data;
  @TempDir Path inputs;
  private TestBroker kafka;

  @BeforeEach
  void startBroker() {
    kafka = TestBroker.start(brokerDir, 0);
  }

  @AfterEach
  void stopBroker() {
    kafka.close();
  }

  record Run(int code, String out, String err) {}

  private static Run cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void rebuildsTheIndexFromTheTopicsAndRefusesWhileItIsInUse() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      lines.add(
          "{\"id\":\"r-"
              + i
              + "\",\"title\":\"Report "
              + i
              + "\",\"body\":\"Officials said on day "
              + i
              + " that the talks on matter "
              + (i * 7 % 31)
              + " would go on for another week at least.\"}");
    }
    Files.write(inputs.resolve("wire.jsonl"), lines);
    Files.writeString(
        inputs.resolve("empty.html"), "<html><body><script>app()</script></body></html>");
    ArticleProcessor processor = ArticleProcessor.standard(TopicsFile.bundled());
    try (Pipeline pipeline =
        Pipeline.start(
            kafka.bootstrapServers(),
            data,
            Topics.defaults(),
            processor,
            () -> Watches.NONE,
            (short) 1)) {
      pipeline.importPaths(List.of(inputs));
      pipeline.awaitDrained(Duration.ofMinutes(3), p -> {});
      Run refused =
          cli(
              "reindex",
              "--bootstrap-servers",
              kafka.bootstrapServers(),
              "--data-dir",
              data.toString());
      assertThat(refused.code()).isEqualTo(ExitCodes.FAILURE);
      assertThat(refused.err()).contains("is in use").contains("stop the indexer or demo");
    }
    // The index is lost.
    try (Stream<Path> files = Files.walk(data.resolve("index"))) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
    Run rebuilt =
        cli(
            "reindex",
            "--bootstrap-servers",
            kafka.bootstrapServers(),
            "--data-dir",
            data.toString());
    assertThat(rebuilt.code()).as(rebuilt.err()).isZero();
    assertThat(rebuilt.out()).contains("300 articles, 1 dead letters");
    try (IndexReader reader =
        dev.wirewatch.indexer.store.ShardedIndex.openReader(data.resolve("index"))) {
      IndexSearcher s = new IndexSearcher(reader);
      assertThat(s.count(new TermQuery(new Term(IndexFields.KIND, IndexFields.KIND_ARTICLE))))
          .isEqualTo(300);
      assertThat(s.count(new TermQuery(new Term(IndexFields.KIND, IndexFields.KIND_DEAD_LETTER))))
          .isEqualTo(1);
    }
    assertThat(data.resolve("index.rebuild")).doesNotExist();
    assertThat(data.resolve("index.old")).doesNotExist();
  }

  @Test
  void anIndexWhoseOffsetsKafkaNoLongerHasStopsTheIndexerWithAPointerToReindex() throws Exception {
    ArticleProcessor processor = ArticleProcessor.standard(TopicsFile.bundled());
    try (Pipeline pipeline =
        Pipeline.start(
            kafka.bootstrapServers(),
            data,
            Topics.defaults(),
            processor,
            () -> Watches.NONE,
            (short) 1,
            false)) {
      // an index whose last commit says it has read 1,000,000 records of a partition that has none
      org.apache.kafka.common.TopicPartition p0 =
          new org.apache.kafka.common.TopicPartition(Topics.ARTICLES, 0);
      try (dev.wirewatch.indexer.store.ShardedIndex index =
          dev.wirewatch.indexer.store.ShardedIndex.open(data.resolve("index"))) {
        index.shard(p0).commit(java.util.Map.of(p0, 1_000_000L));
      }
      Run run =
          cli(
              "index",
              "--port",
              "0",
              "--bootstrap-servers",
              kafka.bootstrapServers(),
              "--data-dir",
              data.toString());
      assertThat(run.code()).isEqualTo(ExitCodes.FAILURE);
      assertThat(run.err())
          .contains("no longer in Kafka")
          .contains("bin/wirewatch reindex")
          .doesNotContain("Exception");
    }
  }
}
