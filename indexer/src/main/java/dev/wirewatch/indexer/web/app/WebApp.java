package dev.wirewatch.indexer.web.app;

import dev.wirewatch.indexer.web.Handler;
import dev.wirewatch.indexer.web.HealthHandler;
import dev.wirewatch.indexer.web.MetricsHandler;
import dev.wirewatch.indexer.web.SearchScope;
import dev.wirewatch.indexer.web.WebServer;
import dev.wirewatch.indexer.web.WriteToken;
import dev.wirewatch.indexer.web.alerts.AlertBroadcaster;
import dev.wirewatch.indexer.web.alerts.AlertHistoryHandler;
import dev.wirewatch.indexer.web.alerts.AlertLog;
import dev.wirewatch.indexer.web.alerts.AlertsHandler;
import dev.wirewatch.indexer.web.articles.ArticlesHandler;
import dev.wirewatch.indexer.web.catalog.Catalog;
import dev.wirewatch.indexer.web.catalog.CatalogHandler;
import dev.wirewatch.indexer.web.search.AtomFeedHandler;
import dev.wirewatch.indexer.web.search.ExportHandler;
import dev.wirewatch.indexer.web.search.SearchHandler;
import dev.wirewatch.indexer.web.searches.SavedSearches;
import dev.wirewatch.indexer.web.searches.SavedSearchesHandler;
import dev.wirewatch.indexer.web.sources.SourceEditsHandler;
import dev.wirewatch.indexer.web.sources.SourceRegistry;
import dev.wirewatch.indexer.web.sources.SourcesHandler;
import dev.wirewatch.indexer.web.watches.WatchRegistry;
import dev.wirewatch.indexer.web.watches.WatchesHandler;
import dev.wirewatch.schemas.SourceStatus;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The handlers of a deployment over an index: always search ({@code /api/search}), the Atom feed of
 * a search, articles and stories, sources and health; alerts, the topics page, metrics and poll
 * status when the deployment has them.
 */
public final class WebApp {
  private final SearchScope scope;
  private final List<Handler> extra = new ArrayList<>();
  private SourcesHandler sources;
  private HealthHandler health = HealthHandler.alwaysReady();
  private SearchHandler search;

  /**
   * The usual handlers over an index: search, Atom feeds, articles and stories, sources, health.
   */
  public static WebApp builder(SearchScope scope) {
    return new WebApp(scope);
  }

  private WebApp(SearchScope scope) {
    this.scope = scope;
    this.sources = SourcesHandler.fromIndex(scope);
    this.search = new SearchHandler(scope);
  }

  /** Live alerts at {@code /api/alerts/stream}. */
  public WebApp alerts(AlertBroadcaster alerts) {
    extra.add(new AlertsHandler(alerts));
    return this;
  }

  /** What fired: {@code /api/alerts?watch=&limit=} and {@code /feeds/watches/{id}.atom}. */
  public WebApp alertHistory(AlertLog log) {
    extra.add(new AlertHistoryHandler(log));
    return this;
  }

  /** The watches through the API ({@code /api/watches}); writes need the token. */
  public WebApp watches(WatchRegistry watches, WriteToken token) {
    extra.add(new WatchesHandler(watches, token));
    return this;
  }

  /** Saved searches ({@code /api/searches}); writes need the token. */
  public WebApp savedSearches(SavedSearches searches, WriteToken token) {
    extra.add(new SavedSearchesHandler(searches, token));
    return this;
  }

  /**
   * Sources added and removed through the API ({@code /api/sources/{id}}); writes need the token.
   */
  public WebApp sourceEdits(SourceRegistry sources, WriteToken token) {
    extra.add(new SourceEditsHandler(sources, token));
    return this;
  }

  /** The topics and watches page's data at {@code /api/topics}. */
  public WebApp catalog(Supplier<Catalog> catalog) {
    extra.add(new CatalogHandler(catalog));
    return this;
  }

  /** Each source's latest poll on the sources page. */
  public WebApp sourceStatus(Supplier<List<SourceStatus>> statuses) {
    sources = SourcesHandler.withStatus(scope, statuses);
    return this;
  }

  /** {@code /metrics}, and the search latency recorded in the same registry. */
  public WebApp metrics(PrometheusMeterRegistry registry) {
    extra.add(new MetricsHandler(registry));
    search = new SearchHandler(scope, registry);
    return this;
  }

  /** Readiness: {@code notReady} says why the service cannot serve yet, or null. */
  public WebApp readiness(Supplier<String> notReady) {
    health = new HealthHandler(notReady);
    return this;
  }

  /** The server on {@code host:port} (0: any free port), not started. */
  public WebServer build(String host, int port) {
    List<Handler> all = new ArrayList<>();
    all.add(search);
    all.add(new AtomFeedHandler(scope));
    all.add(new ExportHandler(scope));
    all.add(new ArticlesHandler(scope));
    all.add(sources);
    all.add(health);
    all.addAll(extra);
    return new WebServer(host, port, all);
  }
}
