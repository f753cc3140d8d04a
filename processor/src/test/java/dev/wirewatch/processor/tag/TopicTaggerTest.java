package dev.wirewatch.processor.tag;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wirewatch.processor.ShippedConfig;
import java.util.ArrayList;
import java.util.List;
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
}
