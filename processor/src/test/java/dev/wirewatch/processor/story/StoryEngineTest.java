package dev.wirewatch.processor.story;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StoryEngineTest {
  private static final long T0 = Instant.parse("2026-11-28T09:00:00Z").toEpochMilli();
  private static final long HOUR = Duration.ofHours(1).toMillis();

  @Test
  void featuresWeighNamesAndFoldWordsButNotFunctionWords() {
    StoryFeatures f =
        StoryFeatures.of(
            "Kenya's police arrive in Haiti", "The officers landed at the airport.", List.of("HT"));
    Map<String, Float> w = weights(f);
    assertThat(w).doesNotContainKeys("the", "in", "at", "kenya's");
    assertThat(w).containsKeys("kenya", "police", "haiti", "officer", "airport", "@ht");
    assertThat(w.get("haiti")).as("a name inside the title").isGreaterThan(w.get("police"));
    assertThat(w.get("police")).as("the title over the lead").isGreaterThan(w.get("airport"));
    assertThat(f.withText()).isTrue();
    assertThat(StoryFeatures.of("U.S. AID TO HAITI", null, List.of()).terms())
        .as("a title in capitals: U.S. is a word; no word is a name")
        .containsExactly("us", "aid", "haiti");
    assertThat(StoryFeatures.of("Talks resume", "Talks resume", List.of()).withText())
        .as("a headline-only item whose text is its title")
        .isFalse();
  }

  @Test
  void headlinesOfOneEventJoinOneStoryAndAnotherEventStartsItsOwn() {
    StoryEngine e = StoryEngine.inMemory(StoryRules.DEFAULT);
    background(e, 300);
    assertThat(e.assign("a", "Chiquita to buy Fyffes in banana merger", null, List.of(), T0))
        .extracting(StoryEngine.Assignment::storyId, StoryEngine.Assignment::newStory)
        .containsExactly("a", true);
    StoryEngine.Assignment b =
        e.assign("b", "Fyffes and Chiquita agree merger deal", null, List.of(), T0 + 60_000);
    assertThat(b.storyId()).isEqualTo("a");
    assertThat(b.copyOf()).isNull();
    assertThat(b.distinct()).isTrue();
    StoryEngine.Assignment c =
        e.assign("c", "Flood waters rise in Jakarta suburbs", null, List.of(), T0 + 120_000);
    assertThat(c.storyId()).isEqualTo("c");
  }

  @Test
  void aCopyJoinsItsOriginalsStoryAndAnUpdateKeepsItsStory() {
    StoryEngine e = StoryEngine.inMemory(StoryRules.DEFAULT);
    String text =
        "The council approved the new budget on Tuesday after a long debate about roads and"
            + " schools in the district, the mayor said.";
    e.assign("a", "Council passes budget", text, List.of(), T0);
    StoryEngine.Assignment copy =
        e.assign("b", "Budget passed", "Home | News\n\n" + text, List.of(), T0 + HOUR);
    assertThat(copy.storyId()).isEqualTo("a");
    assertThat(copy.copyOf()).isEqualTo("a");
    assertThat(copy.distinct()).isFalse();
    StoryEngine.Assignment copyOfCopy =
        e.assign("c", "Budget passed", "Share\n\n" + text, List.of(), T0 + 2 * HOUR);
    assertThat(copyOfCopy.copyOf()).as("a copy of a copy copies the original").isEqualTo("a");
    StoryEngine.Assignment update =
        e.assign("a", "Council passes budget (updated)", text + " More.", List.of(), T0 + HOUR);
    assertThat(update.storyId()).isEqualTo("a");
    assertThat(update.seenBefore()).isTrue();
  }

  @Test
  void aStoryQuietForLongerThanTheQuietPeriodTakesNoMoreArticles() {
    StoryEngine e = StoryEngine.inMemory(StoryRules.DEFAULT);
    background(e, 300);
    e.assign("a", "Chiquita to buy Fyffes in banana merger", null, List.of(), T0);
    long later = T0 + StoryRules.DEFAULT.quiet().toMillis() + HOUR;
    assertThat(
            e.assign("b", "Fyffes and Chiquita agree merger deal", null, List.of(), later)
                .storyId())
        .isEqualTo("b");
  }

  @Test
  void anEngineOnARestoredStateDecidesExactlyAsTheOneThatWroteIt() {
    // One engine assigns everything; another stops half way and a new one continues on its
    // state (what a restart after a crash does): the assignments are the same.
    List<String[]> stream = headlines(600, 11);
    StoryEngine whole = StoryEngine.inMemory(StoryRules.DEFAULT);
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < stream.size(); i++) {
      expected.add(assign(whole, stream, i));
    }
    Map<String, byte[]> copies = new HashMap<>();
    Map<String, byte[]> events = new HashMap<>();
    StoryEngine first =
        new StoryEngine(StoryState.of(copies), StoryState.of(events), StoryRules.DEFAULT);
    List<String> actual = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      actual.add(assign(first, stream, i));
    }
    StoryEngine second =
        new StoryEngine(
            StoryState.of(new HashMap<>(copies)),
            StoryState.of(new HashMap<>(events)),
            StoryRules.DEFAULT);
    for (int i = 300; i < stream.size(); i++) {
      actual.add(assign(second, stream, i));
    }
    assertThat(actual).isEqualTo(expected);
    assertThat(new java.util.HashSet<>(expected).size())
        .as("the stream holds several stories (else the check says little)")
        .isBetween(10, 500);
    assertThat(events.keySet())
        .as("copies were met on the way (their records are restored too)")
        .anyMatch(k -> k.startsWith("t|"));

    // The check can fail: a restore that lost part of the state (here the index of stories by
    // term) decides otherwise.
    Map<String, byte[]> partial = new HashMap<>(events);
    partial.keySet().removeIf(k -> k.startsWith("p|"));
    StoryEngine broken =
        new StoryEngine(
            StoryState.of(new HashMap<>(copies)), StoryState.of(partial), StoryRules.DEFAULT);
    List<String> brokenRun = new ArrayList<>(actual.subList(0, 300));
    for (int i = 300; i < stream.size(); i++) {
      brokenRun.add(assign(broken, stream, i));
    }
    assertThat(brokenRun).isNotEqualTo(expected);
  }

  @Test
  void expiryForgetsOldStoriesAndKeepsTheStateBounded() {
    Map<String, byte[]> events = new HashMap<>();
    StoryEngine e =
        new StoryEngine(StoryState.inMemory(), StoryState.of(events), StoryRules.DEFAULT);
    List<String[]> stream = headlines(400, 5);
    for (int i = 0; i < stream.size(); i++) {
      assign(e, stream, i);
    }
    assertThat(e.liveStories()).isPositive();
    long end = T0 + stream.size() * 60_000L;
    int[] forgotten = e.expire(end + StoryRules.DEFAULT.window().toMillis() + HOUR);
    assertThat(forgotten[0]).as("articles").isEqualTo(400);
    assertThat(e.liveStories()).isZero();
    assertThat(events.keySet()).noneMatch(k -> k.startsWith("e|") || k.startsWith("p|"));
    // term frequencies fade with their half-life: after ten, nothing is left of them
    e.expire(end + StoryRules.DEFAULT.frequencyHalfLife().multipliedBy(10).toMillis());
    assertThat(events.keySet()).containsExactly("n");
  }

  /** An unrelated stream before the test's articles, so the term frequencies mean something. */
  private static void background(StoryEngine e, int n) {
    List<String[]> stream = headlines(n, 99);
    for (int i = 0; i < n; i++) {
      e.assign("bg" + i, stream.get(i)[0], null, List.of(), T0 - Duration.ofDays(1).toMillis());
    }
  }

  private static String assign(StoryEngine e, List<String[]> stream, int i) {
    return e.assign("n" + i, stream.get(i)[0], null, List.of(), T0 + i * 60_000L).storyId();
  }

  /**
   * Headlines of made-up events, mixed: a few events at a time, each told several times, each time
   * with some of its own words and some words of no event.
   */
  private static List<String[]> headlines(int n, long seed) {
    Random r = new Random(seed);
    List<String[]> live = new ArrayList<>();
    List<String[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (live.isEmpty() || r.nextInt(8) == 0) {
        live.add(new String[] {word(r), word(r), word(r), word(r)});
        if (live.size() > 4) {
          live.remove(0);
        }
      }
      String[] ev = live.get(r.nextInt(live.size()));
      StringBuilder h = new StringBuilder();
      for (String w : ev) {
        if (r.nextInt(4) > 0) {
          h.append(w).append(' ');
        }
      }
      h.append(word(r)).append(' ').append(word(r));
      // now and then a headline again, word for word (a copy): copies touch their story
      out.add(
          new String[] {
            r.nextInt(10) == 0 && !out.isEmpty() ? out.get(r.nextInt(out.size()))[0] : h.toString()
          });
    }
    return out;
  }

  /** A made-up word: one of 8,000. */
  private static String word(Random r) {
    String[] syllables = {
      "zor", "vex", "qui", "lan", "dra", "mok", "tel", "bri", "sun", "par", "gol", "fen", "rik",
      "tam", "wes", "hul", "nad", "pim", "cor", "ost"
    };
    return syllables[r.nextInt(20)] + syllables[r.nextInt(20)] + syllables[r.nextInt(20)];
  }

  private static Map<String, Float> weights(StoryFeatures f) {
    Map<String, Float> w = new HashMap<>();
    for (int i = 0; i < f.terms().length; i++) {
      w.put(f.terms()[i], f.weights()[i]);
    }
    return w;
  }
}
