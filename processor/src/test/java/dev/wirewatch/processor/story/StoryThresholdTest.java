package dev.wirewatch.processor.story;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wirewatch.processor.places.ReutersSetAccess;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * How the story threshold was chosen, and a guard that it still separates: near-copies of Reuters
 * articles (other site furniture around the same text, a trimmed last paragraph) against the most
 * similar different article of the same set. Measured (2,000 articles of 80+ words): at 0.5, 99.8%
 * of near-copies join their story; 4.2% of articles have another article at 0.5 or more, and those
 * are nearly all Reuters' own repeats of a story. Skips when ../shared is absent.
 */
class StoryThresholdTest {
  private static final String[] FURNITURE = {
    "Share this article on Facebook and Twitter",
    "Post a Comment",
    "Advertisement",
    "Subscribe to our newsletter for daily updates",
    "Read more: the latest news from our newsroom",
    "Copyright 2024 Example Media. All rights reserved."
  };

  static String nearCopy(String body, int variant) {
    List<String> paras = new ArrayList<>(Arrays.asList(body.split("\n\\s*\n|\n    ")));
    switch (variant % 3) {
      case 0 -> { // other furniture around the same text
        paras.add(0, FURNITURE[variant % FURNITURE.length]);
        paras.add(FURNITURE[(variant + 1) % FURNITURE.length]);
        paras.add(FURNITURE[(variant + 2) % FURNITURE.length]);
      }
      case 1 -> { // a trimmed ending and a sign-off
        if (paras.size() > 3) {
          paras.remove(paras.size() - 1);
        }
        paras.add("Reporting by a staff writer; editing by the desk");
      }
      default -> { // furniture inside, and the lead rewritten a little
        paras.add(Math.min(2, paras.size()), FURNITURE[variant % FURNITURE.length]);
        paras.set(0, "UPDATED: " + paras.get(0));
      }
    }
    return String.join("\n\n", paras);
  }

  @Test
  void theThresholdSeparatesNearCopiesFromDifferentStories() throws IOException {
    ReutersSetAccess.require();
    List<String> texts = new ArrayList<>();
    List<String> titles = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (ReutersSetAccess.Doc d : ReutersSetAccess.load()) {
      String norm = String.join(" ", MinHash.words(d.body()));
      if (MinHash.words(d.body()).size() >= 80 && seen.add(norm)) {
        texts.add(d.body());
        titles.add(d.title());
      }
      if (texts.size() == 2000) {
        break;
      }
    }
    int[][] sigs = texts.stream().map(MinHash::signature).toArray(int[][]::new);
    double[] copies = new double[texts.size()];
    double[] others = new double[texts.size()];
    for (int i = 0; i < texts.size(); i++) {
      copies[i] = MinHash.similarity(sigs[i], MinHash.signature(nearCopy(texts.get(i), i)));
      double max = 0;
      int arg = -1;
      for (int j = 0; j < texts.size(); j++) {
        if (j != i && MinHash.similarity(sigs[i], sigs[j]) > max) {
          max = MinHash.similarity(sigs[i], sigs[j]);
          arg = j;
        }
      }
      if (max >= 0.5 && arg > i && Boolean.getBoolean("wirewatch.storyPairs")) {
        System.out.printf(Locale.ROOT, "%.2f | %s | %s%n", max, titles.get(i), titles.get(arg));
      }
      others[i] = max;
    }
    Arrays.sort(copies);
    Arrays.sort(others);
    StringBuilder report =
        new StringBuilder(
            "story threshold on " + texts.size() + " Reuters articles (>= 80 words):\n");
    for (double t : new double[] {0.3, 0.4, 0.5, 0.6, 0.7, 0.8}) {
      report.append(
          String.format(
              Locale.ROOT,
              "  t=%.1f near-copies joined %.3f, articles whose most similar other article would join %.3f%n",
              t,
              share(copies, t),
              share(others, t)));
    }
    report.append(
        String.format(
            Locale.ROOT,
            "  near-copy similarity p1=%.2f p5=%.2f median=%.2f; other article max p50=%.2f p95=%.2f p99=%.2f",
            copies[copies.length / 100],
            copies[copies.length / 20],
            copies[copies.length / 2],
            others[others.length / 2],
            others[others.length * 95 / 100],
            others[others.length * 99 / 100]));
    System.out.println(report);
    double t = StoryRules.DEFAULT.copyThreshold();
    assertThat(share(copies, t)).as(report.toString()).isGreaterThanOrEqualTo(0.98);
    // Reuters repeats stories (corrections, updates, the same item under two codes): printed with
    // -Dwirewatch.storyPairs=true, nearly all pairs above 0.5 are such repeats (one of the 2,000
    // was a daily "Treasury balances" item of another day, at 0.52). So this share is an upper
    // bound of wrong joins, not their count.
    assertThat(share(others, t)).as(report.toString()).isLessThanOrEqualTo(0.05);
  }

  private static double share(double[] sorted, double t) {
    int n = 0;
    for (double v : sorted) {
      if (v >= t) {
        n++;
      }
    }
    return (double) n / sorted.length;
  }
}
