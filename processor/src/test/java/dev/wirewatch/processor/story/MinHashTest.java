package dev.wirewatch.processor.story;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MinHashTest {
  private static final String STORY = "The council approved the new budget on Tuesday after a long debate about roads, "
      + "schools and the hospital in the district, officials said, and the mayor welcomed the vote.";

  @Test
  void nearCopiesAreCloseAndDifferentTextsAreNot() {
    int[] a = MinHash.signature(STORY);
    assertThat(MinHash.similarity(a, MinHash.signature(STORY))).isEqualTo(1.0);
    assertThat(MinHash.similarity(a, MinHash.signature("Advertisement. " + STORY.toUpperCase() + " Share this story."))).isGreaterThan(0.6);
    assertThat(MinHash.similarity(a, MinHash.signature("Grain exports from the port rose by 200 tonnes this week as buyers returned.")))
        .isLessThan(0.2);
  }

  @Test
  void wordsIgnoreCaseAndAccents() {
    assertThat(MinHash.words("Haïti’s POLICE, 2024!")).containsExactly("haiti", "s", "police", "2024");
  }
}
