package dev.wirewatch.notify.email;

import dev.wirewatch.processor.alert.DeliveryTarget;
import dev.wirewatch.processor.alert.EmailSettings;
import dev.wirewatch.schemas.Alert;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends alerts by email through an SMTP server (Jakarta Mail): one message per alert and target, a
 * plain-text and an HTML part (the article's title, its source, when it matched, a link to its
 * story), its {@code Message-ID} derived from the alert id so a mail system can drop a repeat.
 * Retried like a webhook: on any failure to hand the message over (refused connection, a 4xx or 5xx
 * reply), with exponential backoff from {@code firstBackoff}, up to {@code attempts} tries. Never
 * throws: the outcome says what happened.
 */
public final class EmailSender implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmailSender.class);
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** How a delivery ended. */
  public record Outcome(boolean delivered, int attempts, String problem) {}

  private final int attempts;
  private final Duration firstBackoff;
  private final Duration maxBackoff;
  private final Duration timeout;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "wirewatch-email");
            t.setDaemon(true);
            return t;
          });

  public EmailSender(int attempts, Duration firstBackoff, Duration maxBackoff, Duration timeout) {
    if (attempts < 1) {
      throw new IllegalArgumentException("email attempts must be at least 1, got " + attempts);
    }
    this.attempts = attempts;
    this.firstBackoff = firstBackoff;
    this.maxBackoff = maxBackoff;
    this.timeout = timeout;
  }

  /** As webhooks: 6 tries over about a minute, 10 s per step of the SMTP conversation. */
  public static EmailSender defaults() {
    return new EmailSender(
        6, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(10));
  }

  /** Sends the alert to the target's recipients, retrying in the background. */
  public CompletableFuture<Outcome> send(DeliveryTarget target, Alert alert) {
    CompletableFuture<Outcome> done = new CompletableFuture<>();
    scheduler.execute(() -> attempt(target.email(), alert, 1, firstBackoff, done));
    return done;
  }

  private void attempt(
      EmailSettings s, Alert alert, int n, Duration backoff, CompletableFuture<Outcome> done) {
    try {
      Transport.send(message(session(s), s, alert));
      done.complete(new Outcome(true, n, null));
    } catch (MessagingException | RuntimeException e) {
      String problem = oneLine(e);
      if (n >= attempts) {
        done.complete(new Outcome(false, n, problem));
        return;
      }
      LOG.info(
          "email of alert {}: attempt {} failed ({}); retrying in {}",
          alert.getId(),
          n,
          problem,
          backoff);
      Duration next =
          backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
      scheduler.schedule(
          () -> attempt(s, alert, n + 1, next, done), backoff.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private Session session(EmailSettings s) {
    Properties p = new Properties();
    String protocol = s.tls() == EmailSettings.Tls.TLS ? "smtps" : "smtp";
    p.put("mail.transport.protocol", protocol);
    String pre = "mail." + protocol + ".";
    p.put(pre + "host", s.host());
    p.put(pre + "port", Integer.toString(s.port()));
    p.put(pre + "connectiontimeout", Long.toString(timeout.toMillis()));
    p.put(pre + "timeout", Long.toString(timeout.toMillis()));
    p.put(pre + "writetimeout", Long.toString(timeout.toMillis()));
    if (s.tls() == EmailSettings.Tls.STARTTLS) {
      p.put(pre + "starttls.enable", "true");
      p.put(pre + "starttls.required", "true");
    }
    if (s.tls() != EmailSettings.Tls.NONE) {
      p.put(pre + "ssl.checkserveridentity", "true");
    }
    if (s.username() == null) {
      return Session.getInstance(p);
    }
    p.put(pre + "auth", "true");
    return Session.getInstance(
        p,
        new Authenticator() {
          @Override
          protected PasswordAuthentication getPasswordAuthentication() {
            return new PasswordAuthentication(s.username(), s.password());
          }
        });
  }

  static MimeMessage message(Session session, EmailSettings s, Alert a) throws MessagingException {
    String title = a.getTitle() == null || a.getTitle().isBlank() ? "(untitled)" : a.getTitle();
    String source = source(a.getUrl());
    String when = WHEN.format(a.getMatchedAt());
    String story =
        a.getStoryId() == null
            ? null
            : s.linkBase()
                .resolve("/#/story/" + URLEncoder.encode(a.getStoryId(), StandardCharsets.UTF_8))
                .toString();
    StringBuilder text = new StringBuilder();
    text.append(title).append("\n\n");
    text.append("Watch: ").append(a.getWatchId()).append(" (").append(a.getKind()).append(")\n");
    text.append("Source: ").append(source).append('\n');
    text.append("Matched: ").append(when).append('\n');
    if (a.getUrl() != null) {
      text.append("Article: ").append(a.getUrl()).append('\n');
    }
    if (story != null) {
      text.append("Story: ").append(story).append('\n');
    }
    if (a.getDetail() != null) {
      text.append('\n').append(a.getDetail()).append('\n');
    }
    StringBuilder html = new StringBuilder("<!doctype html><html><body>");
    html.append("<h2>").append(escape(title)).append("</h2><p>");
    html.append("Watch: <b>")
        .append(escape(a.getWatchId()))
        .append("</b> (")
        .append(escape(a.getKind()))
        .append(")<br>");
    html.append("Source: ").append(escape(source)).append("<br>");
    html.append("Matched: ").append(escape(when)).append("</p><p>");
    if (a.getUrl() != null && isHttp(a.getUrl())) {
      html.append("<a href=\"").append(escape(a.getUrl())).append("\">Read the article</a> ");
    }
    if (story != null) {
      html.append("<a href=\"").append(escape(story)).append("\">See the story</a>");
    }
    html.append("</p>");
    if (a.getDetail() != null) {
      html.append("<p>").append(escape(a.getDetail())).append("</p>");
    }
    html.append("</body></html>");

    MimeMessage m =
        new MimeMessage(session) {
          @Override
          protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", "<alert-" + a.getId() + "@wirewatch>");
          }
        };
    m.setFrom(new InternetAddress(s.from()));
    for (String to : s.to()) {
      m.addRecipient(Message.RecipientType.TO, new InternetAddress(to));
    }
    m.setSubject("[Wirewatch] " + a.getWatchId() + ": " + oneLine(title), "UTF-8");
    m.setSentDate(Date.from(a.getMatchedAt()));
    MimeBodyPart plain = new MimeBodyPart();
    plain.setText(text.toString(), "UTF-8", "plain");
    MimeBodyPart rich = new MimeBodyPart();
    rich.setText(html.toString(), "UTF-8", "html");
    MimeMultipart both = new MimeMultipart("alternative", plain, rich);
    m.setContent(both);
    return m;
  }

  private static String source(String url) {
    if (url == null) {
      return "unknown";
    }
    try {
      String host = URI.create(url).getHost();
      return host == null ? "unknown" : host;
    } catch (IllegalArgumentException e) {
      return "unknown";
    }
  }

  private static boolean isHttp(String url) {
    return url.startsWith("http://") || url.startsWith("https://");
  }

  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static String oneLine(Object o) {
    String s =
        String.valueOf(
            o instanceof Throwable t
                ? (t.getMessage() == null ? t.toString() : t.getMessage())
                : o);
    s = s.replaceAll("[\\r\\n]+", " ").strip();
    return s.length() > 300 ? s.substring(0, 300) + "…" : s;
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
