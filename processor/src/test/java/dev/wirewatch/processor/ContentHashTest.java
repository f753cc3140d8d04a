package dev.wirewatch.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ContentHashTest {
  /**
   * The digests in the repeat-check store were made from {@code getBytes(UTF_8)}; the streaming
   * encoder must give the same bytes for any text, or every stored article would look changed.
   */
  @Test
  void theStreamingEncoderGivesExactlyTheBytesOfGetBytes() throws Exception {
    Random random = new Random(5);
    char[] alphabet = {
      'a', 'Z', ' ', '\n', 'é', 'ß', 'π', 'Ж', '中', '文', '\u0000', '\u007F', '\u0080', '\u07FF',
      '\u0800', '\uFFFF', '\uD83D', '\uDE00', '\uDBFF', '\uDC00'
    };
    for (int round = 0; round < 2000; round++) {
      int length = round < 20 ? round : random.nextInt(round % 3 == 0 ? 30_000 : 300);
      StringBuilder s = new StringBuilder(length);
      for (int i = 0; i < length; i++) {
        s.append(alphabet[random.nextInt(alphabet.length)]); // lone and paired surrogates both
      }
      byte[] expected = s.toString().getBytes(StandardCharsets.UTF_8);
      assertThat(ContentHash.utf8Length(s)).as("length of %s", s).isEqualTo(expected.length);
      MessageDigest streamed = MessageDigest.getInstance("SHA-256");
      ContentHash.updateUtf8(streamed, s);
      assertThat(streamed.digest())
          .as("round %d", round)
          .isEqualTo(MessageDigest.getInstance("SHA-256").digest(expected));
    }
  }
}
