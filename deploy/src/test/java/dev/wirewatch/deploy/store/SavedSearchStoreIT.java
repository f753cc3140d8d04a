package dev.wirewatch.deploy.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wirewatch.indexer.web.searches.SavedSearch;
import dev.wirewatch.schemas.TopicAdmin;
import dev.wirewatch.schemas.Topics;
import dev.wirewatch.testlib.Eventually;
import dev.wirewatch.testlib.TestBroker;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * news.searches as the store of the saved searches: saved by one server and listed by another
 * within seconds, kept across a reopen, checked when saved, deleted by a tombstone.
 */
class SavedSearchStoreIT {
  @Test
  void aSavedSearchIsSeenEverywhereAndSurvivesAReopen(@TempDir Path dir) throws Exception {
    try (TestBroker kafka = TestBroker.start(dir)) {
      Topics topics = Topics.defaults();
      TopicAdmin.ensureTopics(kafka.bootstrapServers(), topics, (short) 1);
      try (SavedSearchStore one =
              SavedSearchStore.open(kafka.bootstrapServers(), topics.searches());
          SavedSearchStore two =
              SavedSearchStore.open(kafka.bootstrapServers(), topics.searches())) {
        SavedSearch s =
            one.put(
                "kenya-in-haiti",
                "{\"name\": \"Kenyan police in Haiti\", \"q\": \"kenya police\", \"place\": [\"HT\"],"
                    + " \"from\": \"2026-11-01\", \"sort\": \"newest\", \"collapse\": true}");
        assertThat(s.params())
            .isEqualTo("q=kenya%20police&place=HT&from=2026-11-01&sort=newest&collapse=story");
        assertThat(one.list()).extracting(SavedSearch::id).containsExactly("kenya-in-haiti");
        Eventually.until(
            "the other server lists it", Duration.ofSeconds(10), () -> !two.list().isEmpty());
        assertThat(two.list().get(0)).isEqualTo(s);

        assertThatThrownBy(() -> one.put("bad", "{\"q\": \"kenya AND (\"}"))
            .isInstanceOf(SavedSearch.Invalid.class)
            .hasMessageContaining("q:")
            .hasMessageContaining("never closed");
        assertThatThrownBy(() -> one.put("bad", "{\"q\": \"x\", \"from\": \"last week\"}"))
            .hasMessageContaining("from must be a date");
        assertThatThrownBy(() -> one.put("bad", "{\"q\": \"x\", \"colour\": \"red\"}"))
            .hasMessageContaining("unknown field 'colour'");
        assertThatThrownBy(() -> one.put("bad id!", "{\"q\": \"x\"}")).hasMessageContaining("id:");
        one.put("zanzibar", "{\"q\": \"zanzibar\"}");
      }
      // a restart keeps them, in name order
      try (SavedSearchStore again =
          SavedSearchStore.open(kafka.bootstrapServers(), topics.searches())) {
        assertThat(again.list())
            .extracting(SavedSearch::name)
            .containsExactly("Kenyan police in Haiti", "zanzibar");
        assertThat(again.delete("zanzibar")).isTrue();
        assertThat(again.delete("zanzibar")).isFalse();
      }
      try (SavedSearchStore after =
          SavedSearchStore.open(kafka.bootstrapServers(), topics.searches())) {
        assertThat(after.list()).extracting(SavedSearch::id).containsExactly("kenya-in-haiti");
      }
    }
  }
}
