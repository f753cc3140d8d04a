package dev.wirewatch.deploy.command;

import picocli.CommandLine.Option;

/** Where the web UI and the search API listen: {@code --port} and {@code --host}. */
public final class WebOptions {
  /** The port when --port is not given. */
  public static final int DEFAULT_PORT = 8080;

  /** The address when --host is not given: this machine only. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "" + DEFAULT_PORT,
      description = "Port of the web UI and the search API (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--host",
      paramLabel = "HOST",
      defaultValue = DEFAULT_HOST,
      description = "Address the web UI and the search API listen on (default: ${DEFAULT-VALUE}).")
  String host;

  public int port() {
    return port;
  }

  public String host() {
    return host;
  }
}
