package dev.wirewatch.processor.tag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TopicsConfigTest {
  @Test
  void bundledTopicsAreHaitiKenyaUsAid() {
    assertThat(TopicsConfig.bundled())
        .extracting(TopicDefinition::id)
        .containsExactly("haiti", "kenya", "us-aid");
  }

  @Test
  void invalidFilesNameTheFileTheKeyAndTheProblem() {
    assertThatThrownBy(
            () ->
                TopicsConfig.parse(
                    "topics:\n  - id: a\n    label: A\n    query: 'kenya AND'\n", "t.yaml"))
        .isInstanceOf(TopicsFileException.class)
        .hasMessageStartingWith("t.yaml: topics[0].query: invalid query 'kenya AND'");
    assertThatThrownBy(
            () ->
                TopicsConfig.parse(
                    "topics:\n  - id: Bad Id\n    label: A\n    query: x\n", "t.yaml"))
        .hasMessageStartingWith("t.yaml: topics[0].id: 'Bad Id' must be lower-case");
    assertThatThrownBy(
            () ->
                TopicsConfig.parse(
                    "topics:\n  - {id: a, label: A, query: x}\n  - {id: a, label: B, query: y}\n",
                    "t.yaml"))
        .hasMessage("t.yaml: topics[1].id: duplicate topic id 'a'");
    assertThatThrownBy(
            () ->
                TopicsConfig.parse(
                    "topics:\n  - {id: a, label: A, query: x, colour: red}\n", "t.yaml"))
        .hasMessageStartingWith("t.yaml: topics[0].colour: unknown key");
    assertThatThrownBy(() -> TopicsConfig.parse("topics:\n  - {id: a, query: x}\n", "t.yaml"))
        .hasMessage("t.yaml: topics[0].label: missing or empty");
    assertThatThrownBy(() -> TopicsConfig.parse("topic: []\n", "t.yaml"))
        .hasMessageStartingWith("t.yaml: topics: missing");
    assertThatThrownBy(() -> TopicsConfig.parse("topics: [\n", "t.yaml"))
        .hasMessageStartingWith("t.yaml: not valid YAML");
  }

  @Test
  void taggingKeepsUsAsAWordAndMatchesPhrasesTitlesAndMinimumScores() {
    List<TopicDefinition> topics =
        TopicsConfig.parse(
            """
            topics:
              - {id: us, label: US, query: 'us'}
              - {id: ssm, label: Mission, query: '"security support mission"'}
              - {id: head, label: Title only, query: 'title:haiti'}
              - {id: strict, label: Strict, query: 'haiti', minScore: 1000}
            """,
            "t.yaml");
    TopicTagger tagger = new TopicTagger(topics);
    assertThat(
            tagger.tag(
                "Police land", "U.S. officials praised the Security Support Mission in Haiti."))
        .containsExactly("us", "ssm");
    assertThat(tagger.tag("Haiti's police", "Nothing else.")).containsExactly("head");
  }

  @Test
  void usAidNeedsTheUnitedStatesAndSupportTogether() {
    TopicTagger tagger = new TopicTagger(TopicsConfig.bundled());
    assertThat(tagger.tag("Aid pledged", "Washington pledged $200 million in aid to the mission."))
        .contains("us-aid");
    assertThat(tagger.tag("Aid pledged", "Canada pledged $20 million in aid to the mission."))
        .doesNotContain("us-aid");
    assertThat(tagger.tag("Visit", "The United States ambassador visited the port."))
        .doesNotContain("us-aid");
  }
}
