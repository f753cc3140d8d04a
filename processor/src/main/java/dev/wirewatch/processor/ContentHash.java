package dev.wirewatch.processor;

import dev.wirewatch.schemas.RawArticle;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * A 128-bit digest of what a raw record says, for telling a repeat from a change: every field but
 * the fetch time (a re-fetch of an unchanged page says the same thing). Fields are length-prefixed
 * so that no two different articles can be spelled the same; metadata is taken in key order.
 */
final class ContentHash {
  static final int BYTES = 16;

  private ContentHash() {}

  static byte[] of(RawArticle a) {
    MessageDigest d = sha256();
    add(d, a.getSourceId());
    add(d, a.getUrl());
    add(d, a.getContentType());
    add(d, a.getTitle());
    add(d, a.getBody());
    add(d, a.getPublishedAt() == null ? null : a.getPublishedAt().toString());
    Map<String, String> meta = new TreeMap<>();
    if (a.getMetadata() != null) {
      a.getMetadata().forEach((k, v) -> meta.put(k.toString(), v == null ? null : v.toString()));
    }
    meta.forEach(
        (k, v) -> {
          add(d, k);
          add(d, v);
        });
    return Arrays.copyOf(d.digest(), BYTES);
  }

  /** For a record that cannot be decoded: its bytes are all there is to compare. */
  static byte[] of(byte[] undecodable) {
    MessageDigest d = sha256();
    d.update((byte) 0xFF); // never the digest of a decoded article's fields
    d.update(undecodable);
    return Arrays.copyOf(d.digest(), BYTES);
  }

  private static void add(MessageDigest d, CharSequence s) {
    if (s == null) {
      d.update(new byte[] {0, 0, 0, 0, 0});
      return;
    }
    int length = utf8Length(s);
    d.update((byte) 1);
    d.update(
        new byte[] {
          (byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length
        });
    updateUtf8(d, s);
  }

  /**
   * Digests the UTF-8 bytes of the text, exactly those of {@code String.getBytes(UTF_8)} (a lone
   * surrogate is '?'), through a small buffer: a page's body is hundreds of kilobytes, and encoding
   * it whole made a copy of every page only to digest it.
   */
  static void updateUtf8(MessageDigest d, CharSequence s) {
    byte[] buf = new byte[8192];
    int n = 0;
    int len = s.length();
    for (int i = 0; i < len; i++) {
      if (n > buf.length - 4) {
        d.update(buf, 0, n);
        n = 0;
      }
      char c = s.charAt(i);
      if (c < 0x80) {
        buf[n++] = (byte) c;
      } else if (c < 0x800) {
        buf[n++] = (byte) (0xC0 | (c >> 6));
        buf[n++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && i + 1 < len
            && Character.isLowSurrogate(s.charAt(i + 1))) {
          int cp = Character.toCodePoint(c, s.charAt(++i));
          buf[n++] = (byte) (0xF0 | (cp >> 18));
          buf[n++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
          buf[n++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
          buf[n++] = (byte) (0x80 | (cp & 0x3F));
        } else {
          buf[n++] = '?';
        }
      } else {
        buf[n++] = (byte) (0xE0 | (c >> 12));
        buf[n++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        buf[n++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    d.update(buf, 0, n);
  }

  /** The length of the text in UTF-8, as {@link #updateUtf8} writes it. */
  static int utf8Length(CharSequence s) {
    int len = s.length();
    int out = len;
    for (int i = 0; i < len; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        if (c < 0x800) {
          out += 1;
        } else if (Character.isSurrogate(c)) {
          if (Character.isHighSurrogate(c)
              && i + 1 < len
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            out += 2; // two chars, four bytes
            i++;
          }
          // a lone surrogate is one '?'
        } else {
          out += 2;
        }
      }
    }
    return out;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
