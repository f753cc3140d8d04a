package dev.wirewatch.ingest.fetch;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The SSRF guard: which addresses a fetch may connect to. Unless a source allows private networks,
 * loopback, link-local (which includes cloud metadata at 169.254.169.254), private (RFC 1918),
 * carrier-grade NAT, unique-local IPv6, multicast and unspecified addresses are refused. The check
 * runs on the resolved addresses of every hop, redirects included.
 */
public final class AddressPolicy {
  private AddressPolicy() {}

  /**
   * Resolves the host and checks every address it resolves to.
   *
   * @throws FetchException naming the host and address when one is refused, or when the host does
   *     not resolve
   */
  public static void check(String host, boolean allowPrivate) throws FetchException {
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      throw new FetchException("unknown host " + host, true);
    }
    if (allowPrivate) {
      return;
    }
    for (InetAddress a : addresses) {
      String why = refusal(a);
      if (why != null) {
        throw new FetchException(
            "refused: "
                + host
                + " resolves to "
                + a.getHostAddress()
                + ", "
                + why
                + " (set allowPrivateNetwork on the source to allow it)",
            false);
      }
    }
  }

  /** Why an address is refused, or null when it is public. */
  static String refusal(InetAddress a) {
    if (a.isLoopbackAddress()) {
      return "a loopback address";
    }
    if (a.isAnyLocalAddress()) {
      return "an unspecified address";
    }
    if (a.isLinkLocalAddress()) {
      return "a link-local address (cloud metadata lives there)";
    }
    if (a.isSiteLocalAddress()) {
      return "a private network address";
    }
    if (a.isMulticastAddress()) {
      return "a multicast address";
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      int first = b[0] & 0xFF;
      int second = b[1] & 0xFF;
      if (first == 100 && second >= 64 && second <= 127) {
        return "a carrier-grade NAT address";
      }
      if (first == 0 || first >= 240) {
        return "a reserved address";
      }
    }
    if (a instanceof Inet6Address) {
      if ((b[0] & 0xFE) == 0xFC) {
        return "a unique-local IPv6 address";
      }
      // IPv4-mapped (::ffff:a.b.c.d): judge the IPv4 address inside.
      boolean mapped = true;
      for (int i = 0; i < 10; i++) {
        mapped &= b[i] == 0;
      }
      if (mapped && (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF) {
        try {
          return refusal(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
        } catch (UnknownHostException impossible) {
          return "an unreadable address";
        }
      }
    }
    return null;
  }
}
