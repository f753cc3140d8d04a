package dev.wirewatch.deploy.config;

import dev.wirewatch.indexer.web.catalog.Catalog;
import dev.wirewatch.processor.alert.DeliveryTarget;
import dev.wirewatch.processor.alert.WatchDefinition;
import dev.wirewatch.processor.alert.Watches;
import dev.wirewatch.processor.tag.TopicDefinition;
import dev.wirewatch.processor.tag.TopicTagger;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The topics and watches page's view of the pipeline's configuration (read on every request, so
 * reloads show).
 */
public final class CatalogView {
  private CatalogView() {}

  public static Supplier<Catalog> of(Supplier<TopicTagger> topics, Supplier<Watches> watches) {
    return () -> {
      List<Catalog.Entry> t = new ArrayList<>();
      for (TopicDefinition d : topics.get().topics()) {
        t.add(new Catalog.Entry(d.id(), d.queryText(), null));
      }
      Watches w = watches.get();
      List<Catalog.Entry> ws = new ArrayList<>();
      for (WatchDefinition d : w.all()) {
        List<String> to = new ArrayList<>();
        for (String id : d.deliver()) {
          DeliveryTarget target = w.target(id);
          to.add(target == null ? id : describe(target));
        }
        ws.add(
            new Catalog.Entry(
                d.id(),
                d.queryText(),
                String.join(", ", d.kinds()) + " → " + String.join("; ", to)));
      }
      return new Catalog(t, ws);
    };
  }

  /**
   * A target without its secret, and a webhook without its query string (which may carry a token).
   */
  private static String describe(DeliveryTarget t) {
    if (t.type() == DeliveryTarget.Type.LOG) {
      return t.id() + " (log)";
    }
    if (t.type() == DeliveryTarget.Type.EMAIL) {
      return t.id() + " (email to " + String.join(", ", t.email().to()) + ")";
    }
    URI u = t.url();
    return t.id()
        + " (webhook "
        + u.getScheme()
        + "://"
        + u.getHost()
        + (u.getPort() > 0 ? ":" + u.getPort() : "")
        + (u.getPath() == null ? "" : u.getPath())
        + ")";
  }
}
