package dev.wirewatch.processor.clean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wirewatch.schemas.RawArticle;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArticleCleanerTest {
  private final ArticleCleaner cleaner = new ArticleCleaner(ArticleCleaner.DEFAULT_MAX_BODY_CHARS);

  private static RawArticle raw(String type, String body) {
    return RawArticle.newBuilder()
        .setId("x")
        .setSourceId("s")
        .setFetchedAt(Instant.EPOCH)
        .setContentType(type)
        .setBody(body)
        .setMetadata(Map.of())
        .build();
  }

  /** A PDF as a server labelled text/html would give it: bytes decoded as windows-1252 or UTF-8. */
  private static String pdfAsText(java.nio.charset.Charset cs) {
    byte[] head =
        "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nstream\n"
            .getBytes(StandardCharsets.ISO_8859_1);
    byte[] stream = new byte[4000];
    new java.util.Random(7).nextBytes(stream);
    byte[] all = java.util.Arrays.copyOf(head, head.length + stream.length);
    System.arraycopy(stream, 0, all, head.length, stream.length);
    return new String(all, cs);
  }

  @Test
  void aPdfServedAsHtmlIsRefusedByName() {
    assertThatThrownBy(() -> cleaner.clean(raw("text/html", pdfAsText(StandardCharsets.UTF_8))))
        .isInstanceOf(CleaningException.class)
        .hasMessage("not text but a PDF document (whatever its content type said)");
    assertThatThrownBy(
            () -> cleaner.clean(raw("text/plain", pdfAsText(StandardCharsets.ISO_8859_1))))
        .hasMessageContaining("a PDF document");
  }

  @Test
  void binaryWithoutAKnownSignatureIsRefusedAsBinaryData() {
    byte[] noise = new byte[5000];
    new java.util.Random(3).nextBytes(noise);
    assertThatThrownBy(
            () -> cleaner.clean(raw("text/html", new String(noise, StandardCharsets.UTF_8))))
        .hasMessage("not text but binary data (whatever its content type said)");
  }

  @Test
  void textWithAFewControlCharactersOrBadBytesIsStillText() {
    String body =
        "Kenyan police patrolled the capital on Tuesday, officials said.\u0001 ".repeat(30)
            + "\uFFFD caf\uFFFD";
    assertThat(cleaner.clean(raw("text/plain", body)).text()).contains("Kenyan police patrolled");
    assertThat(dev.wirewatch.schemas.BinarySniffer.binaryKind("short \u0000\u0001")).isNull();
  }

  @Test
  void aPageWithMoreTextThanAnArticleKeepsItsFirstParagraphsWhole() {
    StringBuilder html =
        new StringBuilder("<html><body><h1>Log</h1><p>The first line of the record.</p>");
    for (int i = 0; html.length() < 3 * ArticleCleaner.MAX_TEXT_CHARS; i++) {
      html.append("<p>Entry ").append(i).append(": the patrol returned to the base at dusk.</p>");
    }
    String text = cleaner.clean(raw("text/html", html.append("</body></html>").toString())).text();
    assertThat(text.length())
        .isLessThanOrEqualTo(ArticleCleaner.MAX_TEXT_CHARS)
        .isGreaterThan(ArticleCleaner.MAX_TEXT_CHARS - 200);
    assertThat(text).startsWith("The first line of the record.").endsWith("at dusk.");
  }

  @Test
  void plainTextOverTheLimitIsCutBetweenWordsWhenItHasNoParagraphs() {
    String body = "word ".repeat(ArticleCleaner.MAX_TEXT_CHARS);
    String text = cleaner.clean(raw("text/plain", body)).text();
    assertThat(text.length()).isLessThanOrEqualTo(ArticleCleaner.MAX_TEXT_CHARS);
    assertThat(text).endsWith("word").doesNotContain("  ");
  }

  @Test
  void textWithinTheLimitIsKeptWhole() {
    String body = "A short report on the patrols.\n\nA second paragraph about the mission.";
    assertThat(cleaner.clean(raw("text/plain", body)).text()).isEqualTo(body);
  }
}
