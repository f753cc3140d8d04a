package dev.wirewatch.indexer.web;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * The bearer token every write through the API needs ({@code Authorization: Bearer TOKEN}): sent in
 * a header by the page's forms, never in a cookie, so another site cannot make a browser send it
 * (no CSRF). Reads stay open.
 */
public final class WriteToken {
  private final byte[] token;

  public WriteToken(String token) {
    Objects.requireNonNull(token, "token");
    if (token.strip().length() < 16) {
      throw new IllegalArgumentException("an API token must have at least 16 characters");
    }
    this.token = token.strip().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Whether the request carries the token; when not, the request has been answered 401 with a
   * one-line JSON error and must change nothing.
   */
  public boolean admits(Context ctx) {
    String header = ctx.header("Authorization");
    String prefix = "Bearer ";
    if (header == null || !header.regionMatches(true, 0, prefix, 0, prefix.length())) {
      Responses.error(ctx, 401, "this change needs the API token: Authorization: Bearer TOKEN");
      ctx.header("WWW-Authenticate", "Bearer");
      return false;
    }
    byte[] given = header.substring(prefix.length()).strip().getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(given, token)) { // constant time
      Responses.error(ctx, 401, "wrong API token");
      ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
      return false;
    }
    return true;
  }
}
