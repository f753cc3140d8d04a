package dev.wirewatch.indexer.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wirewatch.indexer.store.IndexFields;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.MultiReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.Test;

/**
 * The facet state that keeps its ordinal map counts exactly as Lucene's own, over a reader of
 * several shards of several segments each, each value in some segments only.
 */
class ShardFacetStateTest {
  @Test
  void countsAsLucenesOwnOverShardsOfSegments() throws Exception {
    List<Directory> dirs = new ArrayList<>();
    List<IndexReader> shards = new ArrayList<>();
    int doc = 0;
    for (int shard = 0; shard < 3; shard++) {
      Directory d = new ByteBuffersDirectory();
      dirs.add(d);
      try (IndexWriter w = new IndexWriter(d, new IndexWriterConfig())) {
        for (int segment = 0; segment < 4; segment++) {
          for (int i = 0; i < 25; i++, doc++) {
            Document x = new Document();
            x.add(
                new SortedSetDocValuesFacetField(IndexFields.SOURCE, "s" + (doc % (7 + segment))));
            x.add(new SortedSetDocValuesFacetField(IndexFields.PLACE, "P" + (doc % 5)));
            w.addDocument(IndexFields.facetsConfig().build(x));
          }
          w.commit(); // a segment each
        }
      }
      shards.add(DirectoryReader.open(d));
    }
    try (MultiReader reader = new MultiReader(shards.toArray(IndexReader[]::new), true)) {
      assertThat(reader.leaves().size()).isGreaterThan(3);
      IndexSearcher searcher = new IndexSearcher(reader);
      FacetsCollector fc = searcher.search(new MatchAllDocsQuery(), new FacetsCollectorManager());
      var ours = new ShardFacetState(reader, IndexFields.facetsConfig());
      var lucene = new DefaultSortedSetDocValuesReaderState(reader, IndexFields.facetsConfig());
      for (int round = 0; round < 2; round++) { // the second count reuses the kept map
        for (String dim : List.of(IndexFields.SOURCE, IndexFields.PLACE)) {
          FacetResult a = new SortedSetDocValuesFacetCounts(ours, fc).getAllChildren(dim);
          FacetResult b = new SortedSetDocValuesFacetCounts(lucene, fc).getAllChildren(dim);
          assertThat(a.value).isEqualTo(b.value);
          assertThat(List.of(a.labelValues))
              .containsExactlyInAnyOrderElementsOf(List.of(b.labelValues));
        }
      }
    }
    for (Directory d : dirs) {
      d.close();
    }
  }
}
