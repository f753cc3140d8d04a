package dev.wirewatch.processor;

import dev.wirewatch.schemas.RawArticle;
import java.nio.charset.StandardCharsets;
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
    byte[] b = s.toString().getBytes(StandardCharsets.UTF_8);
    d.update((byte) 1);
    d.update(
        new byte[] {
          (byte) (b.length >>> 24),
          (byte) (b.length >>> 16),
          (byte) (b.length >>> 8),
          (byte) b.length
        });
    d.update(b);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
