package dev.wirewatch.schemas;

/**
 * Tells binary data from text, for the stages that receive "web pages": a server that sends a PDF,
 * an image or an archive as text/html (it happens) would otherwise give an article of mojibake.
 * Known signatures are named; otherwise more than 10% control characters (or, in decoded text,
 * undecodable bytes shown as U+FFFD) in the first {@value #SNIFF_CHARS} characters mark binary
 * data.
 */
public final class BinarySniffer {
  /** Characters (or bytes) of the start looked at. */
  public static final int SNIFF_CHARS = 8192;

  private BinarySniffer() {}

  /** What binary data the bytes are, or null when they may be text in some charset. */
  public static String binaryKind(byte[] bytes) {
    int n = Math.min(bytes.length, SNIFF_CHARS);
    if (n >= 3
        && (bytes[0] & 0xFF) == 0xFF
        && (bytes[1] & 0xFF) == 0xD8
        && (bytes[2] & 0xFF) == 0xFF) {
      return "an image";
    }
    if (n >= 4
        && (bytes[0] & 0xFF) == 0x89
        && bytes[1] == 'P'
        && bytes[2] == 'N'
        && bytes[3] == 'G') {
      return "an image";
    }
    boolean utf16 =
        n >= 2
            && ((bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF
                || (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE);
    if (utf16) {
      return null; // text whose every other byte is zero
    }
    StringBuilder ascii = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      int b = bytes[i] & 0xFF;
      ascii.append(b >= 0x80 ? 'x' : (char) b); // bytes of multi-byte text are >= 0x80: not odd
    }
    return binaryKind(ascii);
  }

  /** What binary data the text is (bytes decoded as if they were text), or null when it is text. */
  public static String binaryKind(CharSequence text) {
    int n = Math.min(text.length(), SNIFF_CHARS);
    int from = 0;
    while (from < n && Character.isWhitespace(text.charAt(from))) {
      from++;
    }
    String start = text.subSequence(from, Math.min(n, from + 8)).toString();
    if (start.startsWith("%PDF-")) {
      return "a PDF document";
    }
    if (start.startsWith("PK\u0003\u0004")) {
      return "a ZIP archive (or an office document)";
    }
    if (start.startsWith("GIF8")
        || start.startsWith("\u0089PNG")
        || start.startsWith("\uFFFDPNG")
        || start.startsWith("\u00FF\u00D8\u00FF")) {
      return "an image";
    }
    int odd = 0;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '\uFFFD' || (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f')) {
        odd++;
      }
    }
    return n >= 64 && odd * 10 > n ? "binary data" : null;
  }
}
