package dev.wirewatch.notify.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.wirewatch.processor.alert.DeliveryTarget;
import dev.wirewatch.processor.alert.EmailSettings;
import dev.wirewatch.schemas.Alert;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Email delivery against a real SMTP server on loopback (GreenMail). */
class EmailSenderTest {
  private GreenMail smtp;
  private EmailSender sender;

  @BeforeEach
  void start() {
    smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    sender =
        new EmailSender(4, Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() {
    sender.close();
    smtp.stop();
  }

  private static DeliveryTarget target(int port) {
    return DeliveryTarget.email(
        "desk",
        EmailSettings.of(
            List.of("desk@example.org", "editor@example.org"),
            "wirewatch@example.org",
            "127.0.0.1",
            port,
            "none",
            null,
            null,
            "passwordEnv",
            "http://wirewatch.example:8080/"));
  }

  private static Alert alert(String id) {
    return Alert.newBuilder()
        .setId(id)
        .setWatchId("kenya-haiti")
        .setKind("new-story")
        .setStoryId("story 1")
        .setArticleId("a1")
        .setTitle("Kenyan police <script>alert(1)</script> land in Haiti")
        .setUrl("https://news.example.org/kenya-haiti")
        .setDetail("the first article of a new story")
        .setMatchedAt(Instant.parse("2026-11-30T10:15:00Z"))
        .build();
  }

  @Test
  void oneMessagePerAlertWithSubjectRecipientsAndBothBodies() throws Exception {
    EmailSender.Outcome o =
        sender.send(target(smtp.getSmtp().getPort()), alert("al-1")).get(30, TimeUnit.SECONDS);
    assertThat(o.delivered()).as(o.problem()).isTrue();
    assertThat(o.attempts()).isEqualTo(1);
    MimeMessage[] got = smtp.getReceivedMessages();
    assertThat(got).hasSize(2); // one per recipient mailbox: the same message
    MimeMessage m = got[0];
    assertThat(m.getSubject())
        .isEqualTo(
            "[Wirewatch] kenya-haiti: Kenyan police <script>alert(1)</script> land in Haiti");
    assertThat(m.getRecipients(Message.RecipientType.TO))
        .extracting(Object::toString)
        .containsExactly("desk@example.org", "editor@example.org");
    assertThat(m.getFrom()[0].toString()).isEqualTo("wirewatch@example.org");
    assertThat(m.getMessageID()).isEqualTo("<alert-al-1@wirewatch>");
    MimeMultipart parts = (MimeMultipart) m.getContent();
    String text = GreenMailUtil.getBody(parts.getBodyPart(0));
    String html = (String) parts.getBodyPart(1).getContent();
    assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
    assertThat(text)
        .contains("Source: news.example.org")
        .contains("Matched: 2026-11-30 10:15 UTC")
        .contains("Story: http://wirewatch.example:8080/#/story/story+1");
    assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
    assertThat(html)
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .doesNotContain("<script>")
        .contains("href=\"http://wirewatch.example:8080/#/story/story+1\"");
  }

  @Test
  void aServerThatRefusesOnceGetsTheMessageOnTheRetry() throws Exception {
    try (RefusesOnce proxy = new RefusesOnce(smtp.getSmtp().getPort())) {
      EmailSender.Outcome o =
          sender.send(target(proxy.port()), alert("al-2")).get(30, TimeUnit.SECONDS);
      assertThat(o.delivered()).as(o.problem()).isTrue();
      assertThat(o.attempts()).isEqualTo(2);
      assertThat(proxy.connections.get()).isEqualTo(2);
    }
    // delivered once (two mailboxes), not once per attempt
    assertThat(smtp.getReceivedMessages()).hasSize(2);
  }

  @Test
  void aServerThatNeverAnswersIsGivenUpOnWithTheReason() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    EmailSender.Outcome o = sender.send(target(closed), alert("al-3")).get(30, TimeUnit.SECONDS);
    assertThat(o.delivered()).isFalse();
    assertThat(o.attempts()).isEqualTo(4);
    assertThat(o.problem()).isNotBlank().doesNotContain("\n");
  }

  /** An SMTP front that answers its first connection "421" and passes the others through. */
  static final class RefusesOnce implements AutoCloseable {
    final AtomicInteger connections = new AtomicInteger();
    private final ServerSocket server;
    private final Thread thread;

    RefusesOnce(int target) throws IOException {
      server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
      thread =
          new Thread(
              () -> {
                while (!server.isClosed()) {
                  try {
                    Socket client = server.accept();
                    if (connections.incrementAndGet() == 1) {
                      client
                          .getOutputStream()
                          .write(
                              "421 4.3.2 Service not available, try again later\r\n"
                                  .getBytes(StandardCharsets.US_ASCII));
                      client.close();
                      continue;
                    }
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                    pipe(client.getInputStream(), upstream.getOutputStream(), upstream);
                    pipe(upstream.getInputStream(), client.getOutputStream(), client);
                  } catch (IOException e) {
                    return;
                  }
                }
              },
              "refuses-once");
      thread.setDaemon(true);
      thread.start();
    }

    private static void pipe(InputStream in, OutputStream out, Socket closeAfter) {
      Thread t =
          new Thread(
              () -> {
                try (closeAfter) {
                  in.transferTo(out);
                } catch (IOException e) {
                  // the other side closed
                }
              });
      t.setDaemon(true);
      t.start();
    }

    int port() {
      return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }
}
