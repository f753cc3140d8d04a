package dev.wirewatch.deploy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wirewatch.processor.tag.TopicDefinition;
import dev.wirewatch.processor.tag.TopicTagger;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicsFileTest {
  @Test
  void bundledTopicsAreHaitiKenyaUsAid() {
    assertThat(TopicsFile.bundled())
        .extracting(TopicDefinition::id)
        .containsExactly("haiti", "kenya", "us-aid");
  }

  @Test
  void invalidFilesNameTheFileTheKeyAndTheProblem() {
    assertThatThrownBy(
            () ->
                TopicsFile.parse(
                    "topics:\n  - id: a\n    label: A\n    query: 'kenya AND'\n", "t.yaml"))
        .isInstanceOf(ConfigFileException.class)
        .hasMessageStartingWith("t.yaml: topics[0].query: invalid query 'kenya AND'");
    assertThatThrownBy(
            () ->
                TopicsFile.parse("topics:\n  - id: Bad Id\n    label: A\n    query: x\n", "t.yaml"))
        .hasMessageStartingWith("t.yaml: topics[0].id: 'Bad Id' must be lower-case");
    assertThatThrownBy(
            () ->
                TopicsFile.parse(
                    "topics:\n  - {id: a, label: A, query: x}\n  - {id: a, label: B, query: y}\n",
                    "t.yaml"))
        .hasMessage("t.yaml: topics[1].id: duplicate topic id 'a'");
    assertThatThrownBy(
            () ->
                TopicsFile.parse(
                    "topics:\n  - {id: a, label: A, query: x, colour: red}\n", "t.yaml"))
        .hasMessageStartingWith("t.yaml: topics[0].colour: unknown key");
    assertThatThrownBy(() -> TopicsFile.parse("topics:\n  - {id: a, query: x}\n", "t.yaml"))
        .hasMessage("t.yaml: topics[0].label: missing or empty");
    assertThatThrownBy(() -> TopicsFile.parse("topic: []\n", "t.yaml"))
        .hasMessageStartingWith("t.yaml: topics: missing");
    assertThatThrownBy(() -> TopicsFile.parse("topics: [\n", "t.yaml"))
        .hasMessageStartingWith("t.yaml: not valid YAML");
    // A query for a language Wirewatch does not know, or a broken one in a known language.
    assertThatThrownBy(
            () ->
                TopicsFile.parse(
                    "topics:\n  - {id: a, label: A, query: x, queries: {xx: y}}\n", "t.yaml"))
        .hasMessageStartingWith("t.yaml: topics[0].queries.xx: unknown language 'xx'")
        .hasMessageContaining("fr");
    assertThatThrownBy(
            () ->
                TopicsFile.parse(
                    "topics:\n  - {id: a, label: A, query: x, queries: {fr: 'aide AND'}}\n",
                    "t.yaml"))
        .hasMessageStartingWith("t.yaml: topics[0].queries.fr: invalid query 'aide AND'");
  }

  @Test
  void aTopicMayHaveAQueryPerLanguage() {
    TopicTagger tagger =
        new TopicTagger(
            TopicsFile.parse(
                "topics:\n  - id: aid\n    label: Aid\n    query: 'aid'\n"
                    + "    queries: {fr: 'aide', es: 'ayuda'}\n",
                "t.yaml"));
    assertThat(tagger.tag("Aid", "More aid.", List.of(), "en")).containsExactly("aid");
    assertThat(tagger.tag("Aide", "Des aides arrivent.", List.of(), "fr")).containsExactly("aid");
    // Each language runs its own query: French text does not match the English one.
    assertThat(tagger.tag("Aid", "aid", List.of(), "fr")).isEmpty();
    assertThat(tagger.tag("Ayuda", "La ayuda llega.", List.of(), "es")).containsExactly("aid");
    // A language without a query of its own uses the query.
    assertThat(tagger.tag("Aid", "aid", List.of(), "sw")).containsExactly("aid");
  }

  @Test
  void taggingKeepsUsAsAWordAndMatchesPhrasesTitlesAndMinimumScores() {
    List<TopicDefinition> topics =
        TopicsFile.parse(
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
    TopicTagger tagger = new TopicTagger(TopicsFile.bundled());
    assertThat(tagger.tag("Aid pledged", "Washington pledged $200 million in aid to the mission."))
        .contains("us-aid");
    assertThat(tagger.tag("Aid pledged", "Canada pledged $20 million in aid to the mission."))
        .doesNotContain("us-aid");
    assertThat(tagger.tag("Visit", "The United States ambassador visited the port."))
        .doesNotContain("us-aid");
  }
}
