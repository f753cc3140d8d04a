package dev.wirewatch.processor.tag;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wirewatch.processor.ShippedConfig;
import dev.wirewatch.processor.places.ReutersSetAccess;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shipped haiti and kenya topics against the human place labels of Reuters-21578: an article
 * labelled with the country is about it; articles without any place label are not scored (as in the
 * place measure). Skips when ../shared is absent.
 */
class TopicTaggingQualityTest {
  @Test
  void haitiAndKenyaTopicsReachTheFloors() throws IOException {
    ReutersSetAccess.require();
    List<ReutersSetAccess.Doc> docs = ReutersSetAccess.load();
    ArticleTagger tagger = ShippedConfig.tagger();
    Map<String, String> topicToPlace = Map.of("haiti", "HT", "kenya", "KE");
    int[][] counts = new int[2][3];
    List<String> topicIds = List.of("haiti", "kenya");
    List<String> errors = new ArrayList<>();
    for (ReutersSetAccess.Doc d : docs) {
      if (d.places().isEmpty()) {
        continue; // 564 articles carry no place label at all: unlabelled, not "about no country"
      }
      List<String> topics = tagger.tag(d.title(), d.dateline(), d.body(), "en").topics();
      for (int i = 0; i < topicIds.size(); i++) {
        String id = topicIds.get(i);
        boolean got = topics.contains(id);
        boolean want = d.places().contains(topicToPlace.get(id));
        if (got && want) {
          counts[i][0]++;
        } else if (got) {
          counts[i][1]++;
          errors.add("FP " + id + " " + d.id() + " " + d.title());
        } else if (want) {
          counts[i][2]++;
          errors.add("FN " + id + " " + d.id() + " " + d.title());
        }
      }
    }
    errors.forEach(System.out::println);
    for (int i = 0; i < topicIds.size(); i++) {
      int tp = counts[i][0], fp = counts[i][1], fn = counts[i][2];
      double p = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
      double r = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
      String line =
          String.format(
              Locale.ROOT,
              "topic %s on Reuters: P=%.3f R=%.3f F1=%.3f (tp=%d fp=%d fn=%d)",
              topicIds.get(i),
              p,
              r,
              2.0 * tp / (2.0 * tp + fp + fn),
              tp,
              fp,
              fn);
      System.out.println(line);
      assertThat(p).as(line).isGreaterThanOrEqualTo(0.9);
      assertThat(r).as(line).isGreaterThanOrEqualTo(0.9);
    }
  }
}
