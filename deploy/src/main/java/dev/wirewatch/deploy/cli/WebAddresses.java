package dev.wirewatch.deploy.cli;

/** What the serving commands tell people about their addresses. */
final class WebAddresses {
  private WebAddresses() {}

  /** The UI's address as a person would type it: localhost for the loopback address. */
  static String uiUrl(String host, int port) {
    String shown =
        host.equals("127.0.0.1") || host.equals("0.0.0.0") || host.equals("::1")
            ? "localhost"
            : host;
    return "http://" + shown + ":" + port + "/";
  }

  /** Why a server could not start on an address, and what to do about it. */
  static String cannotServe(String host, int port, Throwable e) {
    return "cannot serve on "
        + host
        + ":"
        + port
        + ": "
        + reason(e)
        + " (choose another with --port)";
  }

  /** The innermost message of a start failure ("Address already in use"). */
  private static String reason(Throwable e) {
    Throwable c = e;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
  }
}
