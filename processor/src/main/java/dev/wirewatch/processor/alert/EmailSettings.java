package dev.wirewatch.processor.alert;

import dev.wirewatch.schemas.InvalidSettingException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How an email target sends: the SMTP server and the message's addresses. The password is read from
 * the environment by whoever reads the file; it is never shown or sent anywhere but to the SMTP
 * server.
 *
 * @param to the recipients
 * @param from the sender address
 * @param host the SMTP server
 * @param port its port
 * @param tls {@code none}, {@code starttls} (required) or {@code tls} (implicit, port 465)
 * @param username the login, or null for none
 * @param password the login's password, or null
 * @param linkBase where the web UI is, for story links in the message ({@code
 *     http://localhost:8080})
 */
public record EmailSettings(
    List<String> to,
    String from,
    String host,
    int port,
    Tls tls,
    String username,
    String password,
    URI linkBase) {
  /** How the connection to the SMTP server is protected. */
  public enum Tls {
    NONE,
    STARTTLS,
    TLS
  }

  /** The web UI's address when a target does not say: the demo's. */
  public static final URI DEFAULT_LINK_BASE = URI.create("http://localhost:8080/");

  // An address as people write them in settings: local@domain, no display name, no spaces.
  private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>\"(),;:]+@[^@\\s<>\"(),;:]+");

  public EmailSettings {
    to = List.copyOf(to);
  }

  /** Validated from a file's values; problems name the key. */
  public static EmailSettings of(
      List<String> to,
      String from,
      String host,
      Integer port,
      String tls,
      String username,
      String password,
      String passwordKey,
      String linkBase) {
    if (to == null || to.isEmpty()) {
      throw new InvalidSettingException("to", "missing: an email target needs recipients");
    }
    for (int i = 0; i < to.size(); i++) {
      address("to[" + i + "]", to.get(i));
    }
    address("from", from);
    if (host == null || host.isBlank()) {
      throw new InvalidSettingException("smtpHost", "missing or empty");
    }
    Tls mode;
    try {
      mode = tls == null ? Tls.STARTTLS : Tls.valueOf(tls.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException(
          "smtpTls", "must be none, starttls or tls, got '" + tls + "'");
    }
    int p = port == null ? (mode == Tls.TLS ? 465 : 587) : port;
    if (p < 1 || p > 65535) {
      throw new InvalidSettingException("smtpPort", "must be 1 to 65535, got " + p);
    }
    if (username != null && (password == null || password.isEmpty())) {
      throw new InvalidSettingException(passwordKey, "a login needs a password: passwordEnv");
    }
    URI base;
    try {
      base = linkBase == null ? DEFAULT_LINK_BASE : URI.create(linkBase.strip());
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException("linkBase", "'" + linkBase + "' is not a URL");
    }
    if (!("http".equals(base.getScheme()) || "https".equals(base.getScheme()))) {
      throw new InvalidSettingException(
          "linkBase", "must be an http(s) URL, got '" + linkBase + "'");
    }
    return new EmailSettings(
        to.stream().map(String::strip).toList(),
        from.strip(),
        host.strip(),
        p,
        mode,
        username,
        password,
        base);
  }

  private static void address(String key, String value) {
    if (value == null || !ADDRESS.matcher(value.strip()).matches()) {
      throw new InvalidSettingException(key, "'" + value + "' is not an email address");
    }
  }

  @Override
  public String toString() {
    // never print the password
    return "EmailSettings[to="
        + to
        + ", from="
        + from
        + ", smtp="
        + host
        + ":"
        + port
        + " "
        + tls
        + "]";
  }
}
