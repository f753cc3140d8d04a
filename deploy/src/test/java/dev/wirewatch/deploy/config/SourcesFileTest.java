package dev.wirewatch.deploy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wirewatch.ingest.source.SourceConfig;
import dev.wirewatch.ingest.source.SourceKind;
import dev.wirewatch.ingest.source.Sources;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SourcesFileTest {
  @Test
  void shippedSourcesFileIsValid() {
    Sources s = SourcesFile.load(Path.of("..", "config", "sources.yaml"));
    assertThat(s.sources()).hasSizeGreaterThanOrEqualTo(5);
    assertThat(s.sources())
        .allSatisfy(
            c -> {
              assertThat(c.url()).startsWith("https://");
              assertThat(c.allowPrivateNetwork()).isFalse();
            });
    assertThat(s.settings().userAgent()).contains("Wirewatch");
    // the serving demo's default: the same file, from the distribution's classpath
    assertThat(SourcesFile.bundled()).isEqualTo(s);
  }

  @Test
  void fieldsAndDefaults() {
    Sources s =
        SourcesFile.parse(
            """
        settings: {minHostDelay: 2s, maxPageBytes: 1048576}
        sources:
          - {id: un-africa, url: 'https://news.un.org/feed/africa.xml', pollInterval: 10m, labels: [un], language: en}
          - {id: sitemap, url: 'https://example.org/news-sitemap.xml', kind: sitemap, fetchLinkedPages: false}
        """,
            "s.yaml");
    assertThat(s.settings().minHostDelay()).isEqualTo(Duration.ofSeconds(2));
    assertThat(s.settings().maxPageBytes()).isEqualTo(1048576);
    SourceConfig un = s.sources().get(0);
    assertThat(un.pollInterval()).isEqualTo(Duration.ofMinutes(10));
    assertThat(un.kind()).isEqualTo(SourceKind.FEED);
    assertThat(un.fetchLinkedPages()).isTrue();
    assertThat(un.allowPrivateNetwork()).isFalse();
    assertThat(s.sources().get(1).kind()).isEqualTo(SourceKind.SITEMAP);
    assertThat(s.sources().get(1).pollInterval()).isEqualTo(SourceConfig.DEFAULT_POLL_INTERVAL);
  }

  @Test
  void errorsNameFileKeyAndProblem() {
    assertThatThrownBy(
            () -> SourcesFile.parse("sources:\n  - {id: a, url: 'ftp://x/feed'}\n", "s.yaml"))
        .hasMessage("s.yaml: sources[0].url: 'ftp://x/feed' must be an absolute http(s) URL");
    assertThatThrownBy(
            () ->
                SourcesFile.parse(
                    "sources:\n  - {id: a, url: 'https://x/f', pollInterval: 5s}\n", "s.yaml"))
        .hasMessage("s.yaml: sources[0].pollInterval: '5s' is shorter than the minimum of 30s");
    assertThatThrownBy(
            () ->
                SourcesFile.parse(
                    "sources:\n  - {id: a, url: 'https://x/f', pollInterval: soon}\n", "s.yaml"))
        .hasMessage(
            "s.yaml: sources[0].pollInterval: 'soon' is not a duration such as 30s, 15m, 2h or 1d");
    assertThatThrownBy(
            () ->
                SourcesFile.parse(
                    "sources:\n  - {id: a, url: 'https://x/f', kind: podcast}\n", "s.yaml"))
        .hasMessage(
            "s.yaml: sources[0].kind: 'podcast' is not one of feed, rss, atom, json, sitemap, page");
    assertThatThrownBy(
            () ->
                SourcesFile.parse(
                    "sources:\n  - {id: a, url: 'https://x/f'}\n  - {id: a, url: 'https://y/f'}\n",
                    "s.yaml"))
        .hasMessage("s.yaml: sources[1].id: duplicate source id 'a'");
    assertThatThrownBy(
            () -> SourcesFile.parse("settings: {userAgent: curl}\nsources: []\n", "s.yaml"))
        .hasMessageStartingWith("s.yaml: settings.userAgent: 'curl' must name Wirewatch");
    assertThatThrownBy(
            () ->
                SourcesFile.parse(
                    "sources:\n  - {id: a, url: 'https://x/f', allowPrivate: true}\n", "s.yaml"))
        .hasMessageStartingWith("s.yaml: sources[0].allowPrivate: unknown key");
  }
}
