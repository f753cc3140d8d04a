package dev.wirewatch.schemas;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Stable article ids: the same article gets the same id on every run, on every machine.
 *
 * <p>An id is the first 128 bits of a SHA-256, hex-encoded (32 characters): of the canonical URL
 * when the article has one, else of the source and the source's own id for it, else of its source,
 * title and body. Parts are joined with a NUL so that ("ab","c") and ("a","bc") differ.
 */
public final class ArticleIds {
  private ArticleIds() {}

  /** The id of an article known by its canonical URL. */
  public static String ofUrl(String canonicalUrl) {
    return hash("url", canonicalUrl);
  }

  /**
   * The id of an article that its source names with an id of its own (a JSON Lines {@code id}, a
   * feed entry's guid) but no URL: two different articles with the same text stay two.
   */
  public static String ofSourceKey(String sourceId, String sourceKey) {
    return hash("key", sourceId, sourceKey);
  }

  /** The id of an article without a URL. */
  public static String ofContent(String sourceId, String title, String body) {
    return hash("content", sourceId, title == null ? "" : title, body);
  }

  private static String hash(String... parts) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
    }
    for (String p : parts) {
      sha.update(p.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
    }
    byte[] digest = sha.digest();
    return HexFormat.of().formatHex(digest, 0, 16);
  }
}
