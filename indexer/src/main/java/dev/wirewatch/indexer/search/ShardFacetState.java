package dev.wirewatch.indexer.search;

import java.io.IOException;
import java.util.List;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiDocValues;
import org.apache.lucene.index.OrdinalMap;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.util.packed.PackedInts;

/**
 * The facet ordinals of a reader over several shards, with the map from each segment's ordinals to
 * the global ones built once. Lucene caches that map only for a reader with a cache key, and a
 * reader over several shards has none (it may be short-lived), so every facet count rebuilt it — a
 * merge of every facet value of every segment, per search. This reader lives until the next
 * refresh, and so does the map.
 */
final class ShardFacetState extends DefaultSortedSetDocValuesReaderState {
  /** Built on first use (the superclass asks for the doc values while it is being built). */
  private OrdinalMap ordinals;

  ShardFacetState(IndexReader reader, FacetsConfig config) throws IOException {
    super(reader, config);
  }

  @Override
  public SortedSetDocValues getDocValues() throws IOException {
    IndexReader reader = getReader();
    List<LeafReaderContext> leaves = reader.leaves();
    if (leaves.size() <= 1) {
      return super.getDocValues(); // one segment: no map needed
    }
    SortedSetDocValues[] values = new SortedSetDocValues[leaves.size()];
    int[] starts = new int[leaves.size() + 1];
    long cost = 0;
    for (int i = 0; i < values.length; i++) {
      LeafReaderContext leaf = leaves.get(i);
      SortedSetDocValues v = leaf.reader().getSortedSetDocValues(getField());
      values[i] = v == null ? DocValues.emptySortedSet() : v;
      starts[i] = leaf.docBase;
      cost += values[i].cost();
    }
    starts[values.length] = reader.maxDoc();
    OrdinalMap map;
    synchronized (this) {
      if (ordinals == null) {
        ordinals = OrdinalMap.build(null, values, PackedInts.DEFAULT);
      }
      map = ordinals;
    }
    return new MultiDocValues.MultiSortedSetDocValues(values, starts, map, cost);
  }
}
