package dev.wirewatch.ingest.url;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CanonicalUrlsTest {
  @Test
  void normalisesSchemeHostPortFragmentAndTrackingParameters() {
    assertThat(
            CanonicalUrls.canonicalize(
                "HTTPS://News.Example.ORG:443/World/Story?id=5&utm_source=rss&fbclid=abc#comments"))
        .contains("https://news.example.org/World/Story?id=5");
    assertThat(CanonicalUrls.canonicalize("http://example.org")).contains("http://example.org/");
    assertThat(CanonicalUrls.canonicalize("http://example.org:8080/a"))
        .contains("http://example.org:8080/a");
  }

  @Test
  void rejectsWhatIsNotAnAbsoluteWebAddress() {
    assertThat(CanonicalUrls.canonicalize("file:///etc/passwd")).isEmpty();
    assertThat(CanonicalUrls.canonicalize("/relative")).isEmpty();
    assertThat(CanonicalUrls.canonicalize("http://bad host/")).isEmpty();
    assertThat(CanonicalUrls.canonicalize(null)).isEmpty();
  }
}
