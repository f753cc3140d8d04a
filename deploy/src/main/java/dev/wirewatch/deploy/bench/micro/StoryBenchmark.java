package dev.wirewatch.deploy.bench.micro;

import dev.wirewatch.processor.story.StoryEngine;
import dev.wirewatch.processor.story.StoryRules;
import dev.wirewatch.processor.story.StoryState;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The story step alone, in articles per second on one thread, with {@value #LIVE} stories live:
 * what the one task that decides stories must sustain (DESIGN.md, "Capacity"). Each call assigns
 * the next article of a rotating set of generated articles (title and text; every fourth a headline
 * alone) under a new id, a little later than the one before: the copy check (MinHash signature,
 * band lookups), the event stories (features, frequencies, candidates, similarity) and everything
 * they write to their state.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx3g")
public class StoryBenchmark {
  /** Stories live when the measurement starts. */
  static final int LIVE = 100_000;

  private static final long T0 = Instant.parse("2026-11-28T00:00:00Z").toEpochMilli();

  /** Events the measured articles tell of. */
  static final int EVENTS = 200;

  private List<String[]> articles;
  private StoryEngine engine;
  private long time;
  private int next;
  private long id;

  @Setup
  public void setUp() {
    articles = madeUpArticles(new Random(7), 2_000);
    // The state in maps sized for the run: what is measured is the engine, not a map's growth.
    engine =
        new StoryEngine(
            StoryState.of(new HashMap<>(1 << 23)),
            StoryState.of(new HashMap<>(1 << 22)),
            StoryRules.DEFAULT);
    // A day of other stories, each about its own made-up subject, so that all of them stay live.
    Random r = new Random(1);
    long step = Duration.ofDays(1).toMillis() / LIVE;
    for (int i = 0; engine.liveStories() < LIVE; i++) {
      engine.assign(
          "live" + i,
          word(r) + " " + word(r) + " " + word(r) + " " + word(r),
          null,
          List.of(),
          T0 + i * step);
    }
    time = T0 + Duration.ofDays(1).toMillis();
  }

  /** Assigns one more article to a story. */
  @Benchmark
  public StoryEngine.Assignment assign() {
    String[] a = articles.get(next);
    next = next + 1 == articles.size() ? 0 : next + 1;
    time += 50;
    long n = id++;
    return engine.assign("bench" + n, a[0], n % 4 == 0 ? null : a[1], List.of(), time);
  }

  /** Title and text of made-up articles about {@value #EVENTS} events (see the class comment). */
  static List<String[]> madeUpArticles(Random r, int n) {
    String[] common = new String[1_000];
    for (int i = 0; i < common.length; i++) {
      common[i] = word(r);
    }
    String[][] events = new String[EVENTS][6];
    for (String[] e : events) {
      for (int i = 0; i < e.length; i++) {
        e[i] = word(r);
      }
    }
    List<String[]> out = new java.util.ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      String[] e = events[r.nextInt(EVENTS)];
      StringBuilder title = new StringBuilder();
      for (int i = 0; i < 8; i++) {
        title.append(i % 3 == 0 ? e[r.nextInt(e.length)] : zipf(r, common)).append(' ');
      }
      StringBuilder text = new StringBuilder();
      int words = 60 + r.nextInt(91);
      for (int i = 0; i < words; i++) {
        text.append(r.nextInt(5) == 0 ? e[r.nextInt(e.length)] : zipf(r, common));
        text.append(i % 17 == 16 ? ". " : " ");
      }
      out.add(new String[] {title.toString().strip(), text.toString().strip()});
    }
    return out;
  }

  private static String zipf(Random r, String[] words) {
    // rank ~ 1/x: a few words everywhere, most rare
    double u = r.nextDouble();
    int rank = (int) Math.floor(Math.pow(words.length + 1, u)) - 1;
    return words[Math.min(words.length - 1, Math.max(0, rank))];
  }

  private static String word(Random r) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 5; i++) { // 130^5 words: no two stories share one by chance
      b.append((char) ('a' + r.nextInt(26))).append("aeiou".charAt(r.nextInt(5)));
    }
    return b.toString();
  }
}
