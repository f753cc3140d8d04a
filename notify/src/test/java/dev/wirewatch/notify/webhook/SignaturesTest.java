package dev.wirewatch.notify.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SignaturesTest {
  @Test
  void signsTheBodyWithHmacSha256() {
    // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
    byte[] body = "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8);
    assertThat(Signatures.sign("Jefe", body))
        .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    assertThat(Signatures.verify("Jefe", body, Signatures.sign("Jefe", body))).isTrue();
    assertThat(
            Signatures.verify(
                "Jefe",
                "what do ya want for something?".getBytes(StandardCharsets.UTF_8),
                Signatures.sign("Jefe", body)))
        .isFalse();
    assertThat(Signatures.verify("Jefe", body, null)).isFalse();
  }
}
