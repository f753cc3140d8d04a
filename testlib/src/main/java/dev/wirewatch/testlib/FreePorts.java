package dev.wirewatch.testlib;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A free TCP port for a server a test starts in another process. A port the OS hands out for {@code
 * new ServerSocket(0)} comes from the ephemeral range, the same range the OS takes the local ports
 * of outgoing connections from: between the test closing its probe and the child binding it, a
 * Kafka client's connection can take it ("Address already in use", seen in CI). These ports come
 * from below Linux's default ephemeral range (32768–60999), where outgoing connections never land;
 * each is checked to be bindable before it is given out.
 */
public final class FreePorts {
  private static final int LOW = 20_000;
  private static final int HIGH = 32_000;

  private FreePorts() {}

  /** A port in 20000–31999 that nothing listens on now, on the loopback or any address. */
  public static int pick() {
    for (int attempt = 0; attempt < 1_000; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(LOW, HIGH);
      if (bindable(port)) {
        return port;
      }
    }
    throw new IllegalStateException("no free port between " + LOW + " and " + HIGH);
  }

  private static boolean bindable(int port) {
    try (ServerSocket loopback = new ServerSocket()) {
      loopback.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    } catch (IOException e) {
      return false;
    }
    try (ServerSocket any = new ServerSocket()) {
      any.bind(new InetSocketAddress(port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
