package dev.wirewatch.processor.tag;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wirewatch.processor.ShippedConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TopicTaggerTest {
  private static List<TopicDefinition> topics(String yaml) {
    return ShippedConfig.topics(yaml);
  }

  @Test
  void placesAreAFieldTopicsCanUse() {
    TopicTagger t =
        new TopicTagger(topics("topics:\n  - {id: haiti, label: Haiti, query: 'place:HT'}\n"));
    assertThat(t.tag("Police mission", "Officers arrived.", List.of("HT", "KE")))
        .containsExactly("haiti");
    assertThat(t.tag("Police mission", "Officers arrived in Haiti.", List.of())).isEmpty();
  }

  @Test
  void withManyTopicsOnlyThoseSharingATermWithTheArticleRunAndTheResultIsUnchanged() {
    StringBuilder yaml = new StringBuilder("topics:\n");
    for (int i = 0; i < 500; i++) {
      yaml.append("  - {id: t")
          .append(i)
          .append(", label: T, query: '\"word")
          .append(i)
          .append(" bank")
          .append(i)
          .append("\" OR title:name")
          .append(i)
          .append("'}\n");
    }
    yaml.append("  - {id: prefix, label: P, query: 'harb*'}\n");
    yaml.append("  - {id: negation, label: N, query: '*:* -volcano'}\n");
    yaml.append("  - {id: both, label: B, query: 'kenya AND NOT cricket'}\n");
    TopicTagger t = new TopicTagger(topics(yaml.toString()));
    String title = "name7 and the harbour";
    String text = "The word42 bank42 flooded; kenya sent help.";
    assertThat(t.tag(title, text, List.of()))
        .containsExactly("t7", "t42", "prefix", "negation", "both");
    // Only the candidates ran: the two topics named by the article's terms, and the three whose
    // terms cannot be listed or hold "kenya".
    assertThat(t.candidateCount(title, text, List.of())).isEqualTo(5);
    List<String> none = new ArrayList<>(t.tag("nothing", "at all, volcano", List.of()));
    assertThat(none).isEmpty();
  }

  @Test
  void indexingOnlyTheTermsQueriesNameGivesTheScoresOfIndexingEveryWord() {
    List<TopicDefinition> defs =
        topics(
            """
            topics:
              - {id: term, label: A, query: 'haiti'}
              - {id: phrase, label: B, query: '"police mission"'}
              - {id: near, label: C, query: '"kenya police"~4'}
              - {id: bool, label: D, query: '(aid OR funding) AND ("united states" OR usaid)'}
              - {id: excluded, label: E, query: 'haiti AND NOT cricket'}
              - {id: titled, label: F, query: 'title:haiti^2 OR text:gangs'}
            """);
    TopicTagger tagger = new TopicTagger(defs);
    String[] words = {
      "haiti", "police", "mission", "kenya", "aid", "funding", "united", "states", "usaid",
      "cricket", "gangs", "the", "of", "port-au-prince", "officers", "Haiti's", "U.S.", "arrived"
    };
    Random random = new Random(7);
    int compared = 0;
    for (int article = 0; article < 200; article++) {
      String title = sentence(random, words, 3 + random.nextInt(6));
      String text = sentence(random, words, 5 + random.nextInt(400));
      for (TopicDefinition topic : defs) {
        float all = tagger.score(topic.query("und"), title, text, true);
        float named = tagger.score(topic.query("und"), title, text, false);
        assertThat(named).as("%s on %s", topic.id(), text).isEqualTo(all);
        if (all > 0) {
          compared++;
        }
      }
    }
    assertThat(compared).as("matches compared").isGreaterThan(300);
  }

  private static String sentence(Random random, String[] words, int n) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) {
      s.append(words[random.nextInt(words.length)]).append(i % 9 == 8 ? ". " : " ");
    }
    return s.toString();
  }
}
