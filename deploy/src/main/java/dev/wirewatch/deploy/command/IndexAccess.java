package dev.wirewatch.deploy.command;

import dev.wirewatch.indexer.store.ShardedIndex;
import java.io.IOException;
import org.apache.lucene.index.IndexReader;

/** Opens the index of a data directory for reading, with an error that says what to do. */
public final class IndexAccess {
  private IndexAccess() {}

  /** Every shard of the index, as one reader. */
  public static IndexReader openReader(CommonOptions data) throws IOException {
    try {
      return ShardedIndex.openReader(data.indexDir());
    } catch (IllegalStateException e) {
      if (e.getMessage().startsWith("no index")) {
        throw new IllegalStateException(
            "no index in "
                + data.dataDir()
                + ": run 'bin/wirewatch demo --data-dir "
                + data.dataDir()
                + "' first",
            e);
      }
      throw e;
    }
  }
}
