package dev.wirewatch.ingest.url;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The canonical form of an article URL, so that one article reached through different links gets
 * one id: scheme and host lower-cased, default port, fragment and tracking parameters removed.
 */
public final class CanonicalUrls {
  /** Query parameters that only track the reader and never select content. */
  private static final Set<String> TRACKING =
      Set.of(
          "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "yclid", "_ga",
          "ref_src", "cmpid", "ocid");

  private CanonicalUrls() {}

  /** The canonical form, or empty when the text is not an absolute http(s) URL. */
  public static Optional<String> canonicalize(String url) {
    if (url == null || url.isBlank()) {
      return Optional.empty();
    }
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!"http".equals(scheme) && !"https".equals(scheme) || uri.getHost() == null) {
      return Optional.empty();
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    int port = uri.getPort();
    if (("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443)) {
      port = -1;
    }
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    StringBuilder out = new StringBuilder(scheme).append("://").append(host);
    if (port != -1) {
      out.append(':').append(port);
    }
    out.append(path);
    String query = keptQuery(uri.getRawQuery());
    if (!query.isEmpty()) {
      out.append('?').append(query);
    }
    return Optional.of(out.toString());
  }

  private static String keptQuery(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    List<String> kept = new ArrayList<>();
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      String name = pair.split("=", 2)[0].toLowerCase(Locale.ROOT);
      if (name.startsWith("utm_") || TRACKING.contains(name)) {
        continue;
      }
      kept.add(pair);
    }
    return String.join("&", kept);
  }
}
