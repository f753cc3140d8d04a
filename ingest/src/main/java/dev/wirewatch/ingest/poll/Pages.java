package dev.wirewatch.ingest.poll;

import dev.wirewatch.ingest.feed.FeedEntry;
import dev.wirewatch.ingest.fetch.FetchResult;
import dev.wirewatch.ingest.url.CanonicalUrls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** What the poller reads from fetched pages and feed entries: decoded pages, content hashes. */
final class Pages {
  private Pages() {}

  /** An article page: its HTML as text, and the canonical URL it declares. */
  record Page(String html, String canonicalUrl) {}

  /** Decodes a page (charset from the header, else BOM or meta) and reads its canonical link. */
  static Page toPage(FetchResult r) {
    Document doc;
    try {
      doc =
          Jsoup.parse(new ByteArrayInputStream(r.body()), validCharset(r.charset()), r.finalUrl());
    } catch (IOException | RuntimeException e) {
      doc = Jsoup.parse(new String(r.body(), StandardCharsets.UTF_8), r.finalUrl());
    }
    Element canonical = doc.selectFirst("link[rel=canonical][href]");
    String canonicalUrl =
        canonical == null
            ? null
            : CanonicalUrls.canonicalize(canonical.absUrl("href")).orElse(null);
    return new Page(doc.outerHtml(), canonicalUrl);
  }

  static String validCharset(String name) {
    if (name == null) {
      return null;
    }
    try {
      return java.nio.charset.Charset.isSupported(name) ? name : null;
    } catch (java.nio.charset.IllegalCharsetNameException e) {
      return null;
    }
  }

  static String contentHash(FeedEntry e) {
    return sha256(
        String.join("\u0000", nz(e.title()), nz(e.link()), nz(e.summary()), nz(e.content())));
  }

  static String sha256(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String nz(String s) {
    return s == null ? "" : s;
  }

  static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }

  static void putIfPresent(Map<String, String> m, String k, String v) {
    if (v != null && !v.isBlank()) {
      m.put(k, v);
    }
  }
}
