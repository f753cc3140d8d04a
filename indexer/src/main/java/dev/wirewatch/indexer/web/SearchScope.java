package dev.wirewatch.indexer.web;

import dev.wirewatch.indexer.search.FanOutSearches;
import dev.wirewatch.indexer.search.LocalSearches;
import dev.wirewatch.indexer.search.Searches;
import io.javalin.http.Context;
import java.util.List;
import java.util.function.Supplier;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ReferenceManager;

/**
 * Which index a request searches: this instance's shards alone, or every instance's. Another
 * indexer instance fanning a search out asks with {@code local=true} and is answered from this
 * instance's shards alone (and may ask for a deeper page than users may).
 *
 * @param local this instance's shards
 * @param everywhere every instance's shards (the same as {@code local} for a single instance)
 */
public record SearchScope(Searches local, Searches everywhere) {
  /** An instance that holds the whole index. */
  public static SearchScope single(ReferenceManager<IndexSearcher> searchers) {
    Searches local = new LocalSearches(searchers);
    return new SearchScope(local, local);
  }

  /** One of several instances: every search also asks the peers' shards. */
  public static SearchScope withPeers(
      ReferenceManager<IndexSearcher> searchers, Supplier<List<String>> peers) {
    Searches local = new LocalSearches(searchers);
    return new SearchScope(local, new FanOutSearches(local, peers));
  }

  /** Whether the request comes from another instance fanning a search out. */
  public static boolean isLocal(Context ctx) {
    return "true".equals(ctx.queryParam("local"));
  }

  /** The searches a request is answered from. */
  public Searches of(Context ctx) {
    return isLocal(ctx) ? local : everywhere;
  }
}
