package dev.wirewatch.processor.clean.furniture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateWindowTest {
  private static List<String> article(int i) {
    return List.of(
        "Story " + i + " begins with its own words about item " + i + ".",
        "Follow Site A on Twitter for more updates.");
  }

  @Test
  void aLineInMostOfASourcesRecentArticlesIsDroppedOnceThereIsEnoughEvidence() {
    TemplateWindow w = new TemplateWindow();
    for (int i = 0; i < TemplateWindow.MIN_SAMPLE; i++) {
      assertThat(w.strip(article(i))).as("article %d: too early to judge", i).isEqualTo(article(i));
      w.add("a" + i, article(i));
    }
    assertThat(w.strip(article(99))).containsExactly(article(99).get(0));
    // digits do not make a line new: "© 2024" and "© 2025" are one template
    assertThat(TemplateWindow.hash("Copyright 2024 Site A"))
        .isEqualTo(TemplateWindow.hash("Copyright 2025 Site A"));
  }

  @Test
  void updatesOfOneStoryDoNotTurnItsTextIntoATemplate() {
    TemplateWindow w = new TemplateWindow();
    List<String> story = List.of("The same story, corrected again.", "Its second paragraph.");
    for (int i = 0; i < 20; i++) {
      w.add("same-id", story);
    }
    assertThat(w.size()).isEqualTo(1);
    assertThat(w.strip(story)).isEqualTo(story);
  }

  @Test
  void aTemplateNeverEmptiesAnArticleAndTheWindowIsBoundedAndSurvivesSerialisation() {
    TemplateWindow w = new TemplateWindow();
    List<String> same = List.of("Identical wire copy.");
    for (int i = 0; i < 80; i++) {
      w.add("id" + i, same);
    }
    assertThat(w.size()).isEqualTo(TemplateWindow.WINDOW);
    assertThat(w.strip(same)).isEqualTo(same);
    TemplateWindow copy = TemplateWindow.fromBytes(w.toBytes());
    assertThat(copy.size()).isEqualTo(TemplateWindow.WINDOW);
    assertThat(TemplateWindow.fromBytes(new byte[] {9, 9}).size()).isZero();
  }
}
