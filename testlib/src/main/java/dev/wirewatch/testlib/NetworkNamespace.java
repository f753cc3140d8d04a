package dev.wirewatch.testlib;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A Linux network namespace the test creates, joined to this one by a veth pair, so that a process
 * started inside it ({@link #command}) is reached over a link the test can cut ({@link #cut}) and
 * restore ({@link #restore}) — a network partition, not a crash: both sides keep running, packets
 * between them are silently lost.
 *
 * <p>The addresses are a /30 of 198.18.0.0/15, the block set aside for network tests (RFC 2544),
 * and live only on the two ends of the pair; {@link #close} deletes the namespace, which removes
 * the pair, its addresses and its route. Needs root and Debian's iproute2 ({@code ip}). Where a
 * namespace cannot be made the test is skipped, saying why — except in CI ({@code CI=true}), which
 * runs as root and can make them: there it fails instead, so the partition test cannot be skipped
 * silently.
 */
public final class NetworkNamespace implements AutoCloseable {
  private final String name;
  private final String hostEnd;
  private final String innerEnd;
  private final String hostAddress;
  private final String innerAddress;

  private NetworkNamespace(
      String name, String hostEnd, String innerEnd, String hostAddress, String innerAddress) {
    this.name = name;
    this.hostEnd = hostEnd;
    this.innerEnd = innerEnd;
    this.hostAddress = hostAddress;
    this.innerAddress = innerAddress;
  }

  /**
   * Creates a namespace with its loopback up and a veth pair to this namespace, both ends up and
   * addressed.
   */
  public static NetworkNamespace create() {
    String tag = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xFFFFFF));
    int block = ThreadLocalRandom.current().nextInt(0, 2 * 256 * 64); // /30s of 198.18.0.0/15
    int base = block * 4;
    String prefix = "198." + (18 + (base >> 16)) + "." + ((base >> 8) & 0xFF) + ".";
    NetworkNamespace ns =
        new NetworkNamespace(
            "wirewatch-" + tag,
            "wwh" + tag,
            "wwn" + tag,
            prefix + ((base & 0xFF) + 1),
            prefix + ((base & 0xFF) + 2));
    String why = ns.unavailable();
    if (why != null && "true".equals(System.getenv("CI"))) {
      throw new AssertionError(
          "cannot make a network namespace: "
              + why
              + " (CI=true: CI runs as root with iproute2, where the partition test must run)");
    }
    assumeTrue(why == null, () -> "needs a network namespace (root and iproute2): " + why);
    try {
      ns.ip("netns", "add", ns.name);
      ns.ip("link", "add", ns.hostEnd, "type", "veth", "peer", "name", ns.innerEnd);
      ns.ip("link", "set", ns.innerEnd, "netns", ns.name);
      ns.ip("addr", "add", ns.hostAddress + "/30", "dev", ns.hostEnd);
      ns.ip("link", "set", ns.hostEnd, "up");
      ns.ip("-n", ns.name, "addr", "add", ns.innerAddress + "/30", "dev", ns.innerEnd);
      ns.ip("-n", ns.name, "link", "set", ns.innerEnd, "up");
      ns.ip("-n", ns.name, "link", "set", "lo", "up");
    } catch (RuntimeException e) {
      ns.close();
      throw e;
    }
    return ns;
  }

  /** Why a namespace cannot be made here, or null when it can. */
  private String unavailable() {
    try {
      ip("netns", "add", name);
      ip("netns", "del", name);
      return null;
    } catch (RuntimeException e) {
      return e.getMessage();
    }
  }

  /** The address of the namespace's end of the link: where its processes are reached. */
  public String innerAddress() {
    return innerAddress;
  }

  /** {@code command}, to be run inside the namespace. */
  public List<String> command(List<String> command) {
    List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", name));
    all.addAll(command);
    return all;
  }

  /**
   * Cuts the link: the namespace's end goes down, so packets either way are dropped without an
   * answer (no reset, no "unreachable"), as in a real partition.
   */
  public void cut() {
    ip("-n", name, "link", "set", innerEnd, "down");
  }

  /** Brings the link back. */
  public void restore() {
    ip("-n", name, "link", "set", innerEnd, "up");
  }

  /** Deletes the namespace and with it the veth pair; the processes in it must have ended. */
  @Override
  public void close() {
    try {
      ip("link", "del", hostEnd);
    } catch (RuntimeException e) {
      // already gone with the namespace, or never made
    }
    try {
      ip("netns", "del", name);
    } catch (RuntimeException e) {
      // never made
    }
  }

  private void ip(String... args) {
    List<String> cmd = new ArrayList<>(List.of("ip"));
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", cmd) + " did not end within 30 s");
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (p.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", cmd) + " failed (exit " + p.exitValue() + "): " + out);
      }
    } catch (IOException e) {
      throw new IllegalStateException(String.join(" ", cmd) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + String.join(" ", cmd), e);
    }
  }
}
