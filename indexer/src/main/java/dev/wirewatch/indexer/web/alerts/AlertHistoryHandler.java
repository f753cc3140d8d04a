package dev.wirewatch.indexer.web.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndLinkImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedOutput;
import dev.wirewatch.indexer.web.BadRequest;
import dev.wirewatch.indexer.web.Handler;
import dev.wirewatch.schemas.Alert;
import dev.wirewatch.schemas.AlertJson;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * What fired, from the {@link AlertLog}: {@code GET /api/alerts?watch=ID&limit=N} (newest first;
 * every watch's without {@code watch}) and {@code /feeds/watches/{id}.atom}, so that any feed
 * reader follows a watch.
 */
public final class AlertHistoryHandler implements Handler {
  /** Alerts a request returns unless it asks for another number. */
  public static final int DEFAULT_LIMIT = 50;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_WATCH_ID = 200;

  private final AlertLog log;

  public AlertHistoryHandler(AlertLog log) {
    this.log = log;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/api/alerts", this::list);
    routes.get("/feeds/watches/{file}", this::feed);
  }

  private void list(Context ctx) throws Exception {
    String watch = ctx.queryParam("watch");
    if (watch != null) {
      requireWatchId(watch);
    }
    int limit = limit(ctx.queryParam("limit"));
    ObjectNode out = JSON.createObjectNode();
    out.put("watch", watch);
    ArrayNode alerts = out.putArray("alerts");
    log.recent(watch, limit).forEach(a -> alerts.add(AlertJson.node(a)));
    ctx.contentType("application/json").result(JSON.writeValueAsString(out));
  }

  private void feed(Context ctx) throws FeedException {
    String file = ctx.pathParam("file");
    if (!file.endsWith(".atom")) {
      throw new BadRequest("a watch's feed is /feeds/watches/ID.atom, got '" + file + "'");
    }
    String watch = file.substring(0, file.length() - ".atom".length());
    requireWatchId(watch);
    String base = ctx.scheme() + "://" + ctx.host();
    String self = base + ctx.path();
    SyndFeed feed = new SyndFeedImpl();
    feed.setFeedType("atom_1.0");
    feed.setTitle("Wirewatch alerts: " + watch);
    feed.setUri("urn:wirewatch:watch:" + watch);
    feed.setLink(self);
    SyndLink selfLink = new SyndLinkImpl();
    selfLink.setRel("self");
    selfLink.setHref(self);
    feed.setLinks(List.of(selfLink));
    feed.setAuthor("Wirewatch");
    List<Alert> alerts = log.recent(watch, DEFAULT_LIMIT);
    List<SyndEntry> entries = new ArrayList<>();
    for (Alert a : alerts) {
      SyndEntry e = new SyndEntryImpl();
      e.setUri("urn:wirewatch:alert:" + a.getId());
      e.setAuthor("Wirewatch");
      e.setTitle(
          (a.getTitle() == null || a.getTitle().isBlank() ? "(untitled)" : a.getTitle())
              + " ["
              + a.getKind()
              + "]");
      e.setLink(
          a.getStoryId() != null
              ? base + "/#/story/" + URLEncoder.encode(a.getStoryId(), StandardCharsets.UTF_8)
              : a.getUrl() != null
                  ? a.getUrl()
                  : base
                      + "/#/article/"
                      + URLEncoder.encode(a.getArticleId(), StandardCharsets.UTF_8));
      Date when = Date.from(a.getMatchedAt());
      e.setPublishedDate(when);
      e.setUpdatedDate(when);
      SyndContent summary = new SyndContentImpl();
      summary.setType("text/plain");
      summary.setValue(a.getDetail() == null ? a.getKind() : a.getDetail());
      e.setDescription(summary);
      entries.add(e);
    }
    feed.setEntries(entries);
    feed.setPublishedDate(alerts.isEmpty() ? new Date() : Date.from(alerts.get(0).getMatchedAt()));
    ctx.contentType("application/atom+xml; charset=utf-8")
        .result(new SyndFeedOutput().outputString(feed));
  }

  private static void requireWatchId(String watch) {
    if (watch.isBlank() || watch.length() > MAX_WATCH_ID) {
      throw new BadRequest(
          "watch must be a watch's id (1 to "
              + MAX_WATCH_ID
              + " characters), got '"
              + (watch.length() > 100 ? watch.substring(0, 100) + "…" : watch)
              + "'");
    }
  }

  private static int limit(String v) {
    if (v == null || v.isBlank()) {
      return DEFAULT_LIMIT;
    }
    int n;
    try {
      n = Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      throw new BadRequest(
          "limit must be a number from 1 to " + AlertLog.PER_WATCH + ", got '" + v + "'");
    }
    if (n < 1 || n > AlertLog.PER_WATCH) {
      throw new BadRequest("limit must be from 1 to " + AlertLog.PER_WATCH + ", got " + n);
    }
    return n;
  }
}
