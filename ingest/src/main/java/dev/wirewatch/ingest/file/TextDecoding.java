package dev.wirewatch.ingest.file;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns file bytes into text without ever failing: a byte-order mark wins, then valid UTF-8, then a
 * charset declared in an HTML {@code <meta>}, then windows-1252 (which maps every byte), the
 * fallback browsers use for undeclared legacy pages.
 */
public final class TextDecoding {
  private static final Pattern META_CHARSET =
      Pattern.compile(
          "<meta[^>]+charset\\s*=\\s*[\"']?([A-Za-z0-9_.:-]+)", Pattern.CASE_INSENSITIVE);
  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  private TextDecoding() {}

  /**
   * The decoded text and the charset used.
   *
   * @param text decoded text, without a byte-order mark
   * @param charset the charset that was used
   * @param guessed true when the bytes were not valid in any declared or default charset
   */
  public record Decoded(String text, Charset charset, boolean guessed) {}

  /** Decodes file or page bytes; {@code html} lets a {@code <meta charset>} declaration count. */
  public static Decoded decode(byte[] bytes, boolean html) {
    if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
      return new Decoded(lenient(bytes, 3, StandardCharsets.UTF_8), StandardCharsets.UTF_8, false);
    }
    if (startsWith(bytes, 0xFE, 0xFF)) {
      return new Decoded(
          lenient(bytes, 2, StandardCharsets.UTF_16BE), StandardCharsets.UTF_16BE, false);
    }
    if (startsWith(bytes, 0xFF, 0xFE)) {
      return new Decoded(
          lenient(bytes, 2, StandardCharsets.UTF_16LE), StandardCharsets.UTF_16LE, false);
    }
    try {
      String utf8 =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
      return new Decoded(utf8, StandardCharsets.UTF_8, false);
    } catch (CharacterCodingException notUtf8) {
      // fall through to what the document says of itself
    }
    if (html) {
      String head = new String(bytes, 0, Math.min(bytes.length, 2048), StandardCharsets.ISO_8859_1);
      Matcher m = META_CHARSET.matcher(head);
      if (m.find()) {
        try {
          Charset declared = Charset.forName(m.group(1).toLowerCase(Locale.ROOT));
          return new Decoded(lenient(bytes, 0, declared), declared, false);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException unknown) {
          // an unknown name is no better than none
        }
      }
    }
    return new Decoded(lenient(bytes, 0, WINDOWS_1252), WINDOWS_1252, true);
  }

  private static String lenient(byte[] bytes, int offset, Charset cs) {
    return new String(bytes, offset, bytes.length - offset, cs);
  }

  private static boolean startsWith(byte[] bytes, int... prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
