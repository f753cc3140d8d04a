package dev.wirewatch.processor.tag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArticleTaggerTest {
  private static String filler(int chars) {
    StringBuilder b = new StringBuilder(chars + 100);
    while (b.length() < chars) {
      b.append("The committee met again and the minutes were read out in full. ");
    }
    return b.toString();
  }

  @Test
  void aTextWithinTheLimitIsReadWhole() {
    String text = filler(1000);
    assertThat(ArticleTagger.lead(text)).isSameAs(text);
    assertThat(ArticleTagger.lead(null)).isNull();
  }

  @Test
  void aLongerTextIsReadUpToTheLimitCutBetweenWords() {
    String text = filler(ArticleTagger.MAX_TAGGED_CHARS * 3);
    String lead = ArticleTagger.lead(text);
    assertThat(lead.length()).isLessThanOrEqualTo(ArticleTagger.MAX_TAGGED_CHARS);
    assertThat(lead.length()).isGreaterThan(ArticleTagger.MAX_TAGGED_CHARS - 100);
    assertThat(text).startsWith(lead);
    assertThat(Character.isWhitespace(text.charAt(lead.length()))).isTrue();
  }

  @Test
  void placesAreTakenFromTheLeadOfAHugeText() {
    ArticleTagger tagger = ArticleTagger.of(List.of());
    String report =
        "Police officers from Kenya patrolled Port-au-Prince, the capital of Haiti, on Tuesday. ";
    String huge = (report + filler(300)).repeat(20_000); // about 8 MB
    assertThat(tagger.tag("Patrols", null, huge, "en").places()).contains("HT", "KE");
  }

  @Test
  void whatIsSaidOnlyPastTheLeadDoesNotTagTheText() {
    ArticleTagger tagger = ArticleTagger.of(List.of());
    String peru = "The president of Peru spoke in Lima about the mines of Peru. ".repeat(50);
    // read, the paragraphs about Peru tag the text ...
    assertThat(tagger.tag("Minutes", null, filler(2_000) + peru, "en").places()).contains("PE");
    // ... but not when they come after what is read
    String late = filler(250_000) + peru;
    assertThat(ArticleTagger.MAX_TAGGED_CHARS).isLessThan(250_000);
    assertThat(tagger.tag("Minutes", null, late, "en").places()).doesNotContain("PE");
  }
}
