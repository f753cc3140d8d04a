package dev.wirewatch.deploy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wirewatch.processor.alert.WatchDefinition;
import dev.wirewatch.processor.alert.Watches;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WatchesFileTest {
  private static Watches parse(String yaml) {
    return WatchesFile.parse(yaml, "watches.yaml", Map.of("SECRET", "s3cret")::get);
  }

  @Test
  void theShippedWatchesLoad() {
    Watches w = WatchesFile.bundled();
    assertThat(w.all()).extracting(WatchDefinition::id).containsExactly("kenya-haiti");
    assertThat(w.get("kenya-haiti").kinds()).containsExactlyInAnyOrder("new-story", "burst");
  }

  @Test
  void filtersNarrowWhatAQueryMatches() {
    Watches w =
        parse(
            """
        targets: [{id: log, type: log}]
        watches:
          - {id: w, query: 'police', places: [HT], languages: [EN], topics: [haiti], deliver: [log]}
        """);
    assertThat(w.match("Police", "police arrive", List.of("haiti"), List.of("HT"), "en"))
        .hasSize(1);
    assertThat(w.match("Police", "police arrive", List.of("haiti"), List.of("KE"), "en")).isEmpty();
    assertThat(w.match("Police", "police arrive", List.of("haiti"), List.of("HT"), "fr")).isEmpty();
    assertThat(w.match("Police", "police arrive", List.of(), List.of("HT"), "en")).isEmpty();
    assertThat(w.match("Budget", "the budget", List.of("haiti"), List.of("HT"), "en")).isEmpty();
  }

  @Test
  void aWebhookTakesItsSecretFromTheEnvironmentAndNeverPrintsIt() {
    Watches w =
        parse(
            """
        targets: [{id: hook, type: webhook, url: 'https://hooks.example.org/x', secretEnv: SECRET}]
        watches: [{id: w, query: kenya, deliver: [hook]}]
        """);
    assertThat(w.target("hook").secret()).isEqualTo("s3cret");
    assertThat(w.target("hook").toString()).doesNotContain("s3cret");
  }

  @Test
  void errorsNameTheKeyAndTheBadValue() {
    assertThatThrownBy(() -> parse("watches: [{id: w, query: 'kenya AND (', deliver: []}]"))
        .isInstanceOf(ConfigFileException.class)
        .hasMessageStartingWith("watches.yaml: watches[0].query: invalid query 'kenya AND ('");
    assertThatThrownBy(
            () ->
                parse(
                    "targets: [{id: log, type: log}]\nwatches: [{id: w, query: k, deliver: [nowhere]}]"))
        .hasMessage("watches.yaml: watches[0].deliver[0]: no target 'nowhere' (targets: [log])");
    assertThatThrownBy(() -> parse("watches: [{id: w, query: k, alerts: [daily]}]"))
        .hasMessageContaining("watches[0].alerts: unknown alert kind 'daily'");
    assertThatThrownBy(() -> parse("watches: [{id: w, query: k, places: [Haiti]}]"))
        .hasMessageContaining("watches[0].places: 'Haiti' is not an ISO 3166-1 alpha-2 code");
    assertThatThrownBy(
            () -> parse("targets: [{id: h, type: webhook, url: 'ftp://x/y', secretEnv: SECRET}]"))
        .hasMessageContaining("targets[0].url: 'ftp://x/y' must be an http(s) URL");
    assertThatThrownBy(
            () ->
                parse("targets: [{id: h, type: webhook, url: 'https://x/y', secretEnv: MISSING}]"))
        .hasMessageContaining("targets[0].secretEnv: environment variable MISSING is not set");
    assertThatThrownBy(() -> parse("burst: {minCount: 0}"))
        .hasMessageContaining("burst: burst.minCount must be at least 1, got 0");
    assertThatThrownBy(() -> parse("watches: [{id: w, query: k, colour: red}]"))
        .hasMessageContaining("watches[0].colour: unknown key");
  }

  @Test
  void anEmailTargetTakesItsPasswordFromTheEnvironmentAndNamesWhatIsWrong() {
    Watches w =
        parse(
            "targets: [{id: desk, type: email, to: [desk@example.org], from: ww@example.org,"
                + " smtpHost: smtp.example.org, username: ww, passwordEnv: SECRET}]");
    var t = w.target("desk");
    assertThat(t.email().password()).isEqualTo("s3cret");
    assertThat(t.email().port()).isEqualTo(587);
    assertThat(t.email().tls().name()).isEqualTo("STARTTLS");
    assertThat(t.toString()).doesNotContain("s3cret");
    assertThatThrownBy(
            () ->
                parse(
                    "targets: [{id: desk, type: email, to: [desk], from: ww@example.org,"
                        + " smtpHost: smtp.example.org}]"))
        .hasMessageContaining("targets[0].to[0]: 'desk' is not an email address");
    assertThatThrownBy(
            () ->
                parse(
                    "targets: [{id: desk, type: email, to: [a@b.org], from: ww@example.org,"
                        + " smtpHost: smtp.example.org, username: ww, passwordEnv: MISSING}]"))
        .hasMessageContaining("targets[0].passwordEnv: environment variable MISSING is not set");
    assertThatThrownBy(
            () ->
                parse(
                    "targets: [{id: desk, type: email, to: [a@b.org], from: ww@example.org,"
                        + " smtpHost: smtp.example.org, smtpTls: maybe}]"))
        .hasMessageContaining("targets[0].smtpTls: must be none, starttls or tls");
  }
}
