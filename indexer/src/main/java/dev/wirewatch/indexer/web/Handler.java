package dev.wirewatch.indexer.web;

import io.javalin.config.RoutesConfig;

/**
 * The routes of one resource of the web server (search, articles, alerts…). A deployment serves
 * what it registers: a server without a broker registers no alerts handler, so {@code
 * /api/alerts/stream} is simply not there.
 */
public interface Handler {
  /** Adds this resource's routes. */
  void register(RoutesConfig routes);
}
