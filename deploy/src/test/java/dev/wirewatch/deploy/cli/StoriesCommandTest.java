package dev.wirewatch.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wirewatch.deploy.command.ExitCodes;
import dev.wirewatch.testlib.SharedData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wirewatch stories}: the story engine offline. */
class StoriesCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), Map.of(), args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void oneLineOutPerArticleInInputOrderWithTheInputsIdsAndBadLinesReportedByNumber()
      throws Exception {
    Path f = dir.resolve("in.jsonl");
    Files.writeString(
        f,
        String.join(
            "\n",
            "{\"id\": 7, \"title\": \"Fyffes and Chiquita agree merger deal\","
                + " \"publishedAt\": \"2014-03-10T12:00:00Z\"}",
            "not json at all",
            "{\"id\": \"a-1\", \"title\": \"Chiquita to buy Fyffes in banana merger\","
                + " \"publishedAt\": \"2014-03-10T11:00:00Z\"}",
            "{\"id\": \"empty\", \"url\": \"https://example.org/x\"}",
            "",
            "{\"id\": \"c\", \"title\": \"Chiquita to buy Fyffes in banana merger\","
                + " \"publishedAt\": \"2014-03-10T11:30:00Z\"}",
            "{\"id\": 8.5, \"title\": \"Flood waters rise in Jakarta suburbs\","
                + " \"body\": \"Rivers burst their banks in the east of the city.\","
                + " \"date\": 1394452800000}"));
    Run r = run("stories", "--json", f.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.FAILURE);
    assertThat(r.err())
        .contains(f + ":2: not valid JSON")
        .contains(f + ":4: no title and no body")
        .doesNotContain("Exception");
    List<JsonNode> lines = new ArrayList<>();
    for (String line : r.out().strip().split("\n")) {
      lines.add(JSON.readTree(line));
    }
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0).get("id").isInt()).as("a number stays a number").isTrue();
    assertThat(lines.get(0).get("id").asInt()).isEqualTo(7);
    assertThat(lines.get(1).get("id").asText()).isEqualTo("a-1");
    assertThat(lines.get(3).get("id").isDouble()).isTrue();
    // taken in order of publication: the 11:00 article begins the story, the rest join it
    assertThat(lines.get(1).get("storyId").asText()).isEqualTo("a-1");
    assertThat(lines.get(0).get("storyId").asText()).isEqualTo("a-1");
    assertThat(lines.get(2).get("storyId").asText()).isEqualTo("a-1");
    assertThat(lines.get(2).get("copyOf").asText()).as("the same headline").isEqualTo("a-1");
    assertThat(lines.get(0).get("copyOf").isNull()).isTrue();
    assertThat(lines.get(3).get("storyId").asText()).as("another event").isEqualTo("8.5");
  }

  @Test
  void aFileThatDoesNotExistIsOneLine() {
    Run r = run("stories", "--json", dir.resolve("absent.jsonl").toString());
    assertThat(r.code()).isEqualTo(ExitCodes.FAILURE);
    assertThat(r.err().strip()).endsWith("absent.jsonl: no such file");
  }

  /**
   * The development set of event stories (headlines of a news aggregator, its own story ids): the
   * floors, on the whole set; the split by publisher (a fifth of the publishers, by hash, kept
   * apart when rules were chosen) is printed beside it.
   */
  @Test
  void theDevelopmentSetMeetsTheFloors() throws Exception {
    Path gold = SharedData.require("eval/stories/uci-news-business.jsonl");
    Run r = run("stories", "--json", gold.toString());
    assertThat(r.code()).as(r.err()).isZero();
    Map<String, String> predicted = new HashMap<>();
    for (String line : r.out().strip().split("\n")) {
      JsonNode o = JSON.readTree(line);
      predicted.put(o.get("id").asText(), o.get("storyId").asText());
    }
    List<String[]> all = new ArrayList<>();
    for (String line : Files.readAllLines(gold)) {
      if (!line.isBlank()) {
        JsonNode o = JSON.readTree(line);
        all.add(
            new String[] {
              o.get("id").asText(), o.get("goldStory").asText(), o.get("source").asText()
            });
      }
    }
    double[] whole = Bcubed.score(all, predicted);
    List<String[]> heldOut = all.stream().filter(a -> Bcubed.heldOut(a[2])).toList();
    List<String[]> development = all.stream().filter(a -> !Bcubed.heldOut(a[2])).toList();
    String report =
        String.format(
            Locale.ROOT,
            "stories on %s: whole P=%.3f R=%.3f F1=%.3f stories/gold=%.2f;"
                + " development publishers (%d) F1=%.3f; held-out publishers (%d) F1=%.3f"
                + " (scored within the whole run)",
            gold.getFileName(),
            whole[0],
            whole[1],
            whole[2],
            whole[3],
            development.size(),
            Bcubed.score(development, predicted)[2],
            heldOut.size(),
            Bcubed.score(heldOut, predicted)[2]);
    System.out.println(report);
    assertThat(whole[2]).as(report).isGreaterThanOrEqualTo(0.65);
    assertThat(whole[3]).as(report).isLessThanOrEqualTo(3.0);
  }

  /** B-cubed precision, recall, F1 and stories per gold story, as eval/score_stories.py does. */
  static final class Bcubed {
    private Bcubed() {}

    /** Whether a publisher is in the held-out fifth (by a hash of its name). */
    static boolean heldOut(String source) {
      try {
        byte[] d =
            java.security.MessageDigest.getInstance("SHA-256")
                .digest(source.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return new java.math.BigInteger(1, d).mod(java.math.BigInteger.valueOf(5)).intValue() == 0;
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    /** Scores the articles (id, gold story) against the predicted stories by id. */
    static double[] score(List<String[]> articles, Map<String, String> predicted) {
      Map<String, Set<Integer>> byPred = new HashMap<>();
      Map<String, Set<Integer>> byGold = new HashMap<>();
      for (int i = 0; i < articles.size(); i++) {
        String[] a = articles.get(i);
        byPred
            .computeIfAbsent(predicted.getOrDefault(a[0], "missing:" + a[0]), k -> new HashSet<>())
            .add(i);
        byGold.computeIfAbsent(a[1], k -> new HashSet<>()).add(i);
      }
      double p = 0;
      double r = 0;
      for (int i = 0; i < articles.size(); i++) {
        String[] a = articles.get(i);
        Set<Integer> pred = byPred.get(predicted.getOrDefault(a[0], "missing:" + a[0]));
        Set<Integer> g = byGold.get(a[1]);
        Set<Integer> shared = new HashSet<>(pred);
        shared.retainAll(g);
        p += (double) shared.size() / pred.size();
        r += (double) shared.size() / g.size();
      }
      p /= articles.size();
      r /= articles.size();
      double f = p + r == 0 ? 0 : 2 * p * r / (p + r);
      return new double[] {p, r, f, (double) byPred.size() / byGold.size()};
    }
  }
}
