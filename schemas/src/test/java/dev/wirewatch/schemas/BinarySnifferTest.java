package dev.wirewatch.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BinarySnifferTest {
  private static byte[] bytes(int... b) {
    byte[] out = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      out[i] = (byte) b[i];
    }
    return out;
  }

  @Test
  void knownSignaturesAreNamed() {
    assertThat(BinarySniffer.binaryKind("%PDF-1.7\n...".getBytes(StandardCharsets.ISO_8859_1)))
        .isEqualTo("a PDF document");
    assertThat(BinarySniffer.binaryKind("  \n%PDF-1.4")).isEqualTo("a PDF document");
    assertThat(BinarySniffer.binaryKind(bytes(0x50, 0x4B, 3, 4, 0, 0)))
        .isEqualTo("a ZIP archive (or an office document)");
    assertThat(BinarySniffer.binaryKind(bytes(0xFF, 0xD8, 0xFF, 0xE0))).isEqualTo("an image");
    assertThat(BinarySniffer.binaryKind(bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A)))
        .isEqualTo("an image");
    assertThat(BinarySniffer.binaryKind("GIF89a....")).isEqualTo("an image");
  }

  @Test
  void textInAnyCharsetIsText() {
    String news = "Kenyan police patrolled Port-au-Prince on Tuesday, officials said. ".repeat(20);
    assertThat(BinarySniffer.binaryKind(news.getBytes(StandardCharsets.UTF_8))).isNull();
    assertThat(
            BinarySniffer.binaryKind(
                ("Ha\u00efti, S\u00e3o Paulo, \u65e5\u672c ")
                    .repeat(50)
                    .getBytes(StandardCharsets.UTF_8)))
        .isNull();
    byte[] utf16 = ("\uFEFF" + news).getBytes(StandardCharsets.UTF_16BE);
    assertThat(BinarySniffer.binaryKind(utf16))
        .as("UTF-16 with its BOM: every other byte zero, still text")
        .isNull();
    assertThat(BinarySniffer.binaryKind("short \u0000")).isNull();
  }

  @Test
  void controlBytesWithoutASignatureAreBinaryData() {
    byte[] noise = new byte[4096];
    new java.util.Random(1).nextBytes(noise);
    assertThat(BinarySniffer.binaryKind(noise)).isEqualTo("binary data");
  }
}
