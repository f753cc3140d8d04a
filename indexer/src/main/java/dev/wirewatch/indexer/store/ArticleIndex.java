package dev.wirewatch.indexer.store;

import dev.wirewatch.language.Language;
import dev.wirewatch.language.Languages;
import dev.wirewatch.schemas.Article;
import dev.wirewatch.schemas.DeadLetter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.TopicPartition;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.NRTCachingDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * The Lucene index of articles and dead letters, written idempotently: each document is upserted by
 * its id, and the Kafka offsets consumed so far are stored in the same commit as the documents, so
 * after any crash the index and its offsets agree and replay resumes exactly where the last commit
 * ended.
 *
 * <p>Not thread-safe for writes: one indexer thread owns it. Searches go through {@link
 * #searcherManager()}, which sees uncommitted writes after {@link #refresh()} (near real time).
 */
public final class ArticleIndex implements AutoCloseable {
  /** RAM buffer before a segment is flushed, in MB: large enough for bulk loads. */
  public static final double DEFAULT_RAM_BUFFER_MB = 64;

  /** Segments of about one size allowed before they are merged (Lucene's default is 10). */
  static final double SEGMENTS_PER_TIER = 20;

  private final Directory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final FacetsConfig facets = IndexFields.facetsConfig();

  private ArticleIndex(Directory directory, IndexWriter writer) throws IOException {
    this.directory = directory;
    this.writer = writer;
    this.searchers = new SearcherManager(writer, null);
  }

  /**
   * Opens (creating if needed) the index in a directory.
   *
   * @throws UncheckedIOException if the index cannot be opened, for instance because another
   *     process holds its write lock
   */
  public static ArticleIndex open(Path dir) {
    try {
      Files.createDirectories(dir);
      Directory d = directory(dir);
      try {
        requireCurrentAnalysis(d, dir);
      } catch (IllegalStateException e) {
        d.close();
        throw e;
      }
      IndexWriterConfig cfg = new IndexWriterConfig(IndexFields.analyzer());
      cfg.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
      cfg.setRAMBufferSizeMB(DEFAULT_RAM_BUFFER_MB);
      cfg.setCommitOnClose(false); // a commit always carries its offsets; see commit()
      // Near-real-time indexing flushes a small segment at every refresh (each 200 ms under load):
      // packing each into a compound file copies it once more, and merging them ten at a time
      // merges the same bytes again and again. Flushed segments stay as plain files, and twice as
      // many segments wait per tier before a merge; merged segments still become compound files
      // while small (the policy's default), which keeps the open files few. Measured with
      // `bin/wirewatch bench --articles 6000`: pipeline throughput about +18% (medians of 4 runs).
      cfg.setUseCompoundFile(false);
      TieredMergePolicy merges = new TieredMergePolicy();
      merges.setSegmentsPerTier(SEGMENTS_PER_TIER);
      cfg.setMergePolicy(merges);
      return new ArticleIndex(d, new IndexWriter(d, cfg));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the index at " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * The shard's directory: on disk, with the small segments that near-real-time refreshes flush
   * (several a second, most merged away soon) kept in memory until a commit or a merge writes them
   * out — Lucene's {@link NRTCachingDirectory}. Without it each refresh creates and writes a dozen
   * files per shard, which made the refresh, not the work, most of the time between an article's
   * arrival and its being searchable. A commit syncs what it needs to disk, so durability is
   * unchanged.
   */
  static Directory directory(Path dir) throws IOException {
    return new NRTCachingDirectory(
        FSDirectory.open(dir), NRT_CACHE_MAX_SEGMENT_MB, NRT_CACHE_MAX_TOTAL_MB);
  }

  /** Largest flushed or merged segment kept in memory by {@link #directory}, in MB. */
  static final double NRT_CACHE_MAX_SEGMENT_MB = 5;

  /** Most memory {@link #directory} keeps segments in, per shard, in MB. */
  static final double NRT_CACHE_MAX_TOTAL_MB = 32;

  /**
   * Refuses an index whose text was analysed otherwise than this version analyses queries (an index
   * from before languages had fields of their own): searching it would silently miss. An empty
   * index, or one never committed, is fine.
   *
   * @throws IllegalStateException naming the index and what to do
   */
  public static void requireCurrentAnalysis(Directory d, Path dir) throws IOException {
    if (!DirectoryReader.indexExists(d)) {
      return;
    }
    SegmentInfos commit = SegmentInfos.readLatestCommit(d);
    String version = commit.getUserData().get(IndexFields.ANALYSIS_KEY);
    if (!IndexFields.ANALYSIS_VERSION.equals(version) && commit.totalMaxDoc() > 0) {
      throw new IllegalStateException(
          "the index at "
              + dir
              + " was built by an older Wirewatch (analysis "
              + (version == null ? "1, English only" : version)
              + ", this version searches with analysis "
              + IndexFields.ANALYSIS_VERSION
              + "): rebuild it from the topic with 'bin/wirewatch reindex'");
    }
  }

  /**
   * Reads the offsets stored with the last commit of an index directory, without opening a writer.
   */
  public static Map<TopicPartition, Long> committedOffsets(Directory dir) throws IOException {
    if (!DirectoryReader.indexExists(dir)) {
      return Map.of();
    }
    return offsetsOf(SegmentInfos.readLatestCommit(dir).getUserData());
  }

  private static Map<TopicPartition, Long> offsetsOf(Map<String, String> userData) {
    Map<TopicPartition, Long> offsets = new HashMap<>();
    for (Map.Entry<String, String> e : userData.entrySet()) {
      if (e.getKey().startsWith(IndexFields.OFFSET_PREFIX)) {
        String rest = e.getKey().substring(IndexFields.OFFSET_PREFIX.length());
        int colon = rest.lastIndexOf(':');
        offsets.put(
            new TopicPartition(
                rest.substring(0, colon), Integer.parseInt(rest.substring(colon + 1))),
            Long.parseLong(e.getValue()));
      }
    }
    return offsets;
  }

  /** The offsets stored with this index's last commit: where consumption resumes. */
  public Map<TopicPartition, Long> committedOffsets() {
    Iterable<Map.Entry<String, String>> data = writer.getLiveCommitData();
    Map<String, String> m = new HashMap<>();
    if (data != null) {
      data.forEach(e -> m.put(e.getKey(), e.getValue()));
    }
    return offsetsOf(m);
  }

  private static void addText(
      Document doc,
      String field,
      String text,
      Optional<Language> language,
      UnaryOperator<String> ownField) {
    if (language.isEmpty() || language.get().code().equals(Language.UNDETERMINED)) {
      doc.add(new Field(field, text, IndexFields.textType(true)));
    } else {
      LanguageFields.add(doc, field, ownField.apply(language.get().code()), text, language.get());
    }
  }

  /** Adds or replaces the article with the same id. */
  public void upsert(Article a) throws IOException {
    upsert(a, null);
  }

  /**
   * Adds or replaces the article with the same id, recording where in Kafka it was read.
   *
   * @param position {@code topic-partition@offset} ({@link IndexFields#KAFKA_POSITION}), or null
   */
  public void upsert(Article a, String position) throws IOException {
    Document doc = new Document();
    doc.add(new StringField(IndexFields.ID, a.getId(), Field.Store.YES));
    if (position != null) {
      doc.add(new StoredField(IndexFields.KAFKA_POSITION, position));
    }
    doc.add(new StringField(IndexFields.KIND, IndexFields.KIND_ARTICLE, Field.Store.NO));
    // Every text twice: language-neutral (stored, so one query finds it in any language; the
    // stop words of a known language left out) and, when its language has a stemmer, the stems
    // that differ from the neutral words in the language's own field.
    Optional<Language> known = Languages.bundled().get(a.getLanguage());
    if (a.getTitle() != null) {
      addText(doc, IndexFields.TITLE, a.getTitle(), known, IndexFields::titleIn);
    }
    addText(doc, IndexFields.TEXT, a.getText(), known, IndexFields::textIn);
    storeIfPresent(doc, IndexFields.URL, a.getUrl());
    storeIfPresent(doc, IndexFields.CANONICAL_URL, a.getCanonicalUrl());
    storeIfPresent(doc, IndexFields.BYLINE, a.getByline());
    doc.add(new StringField(IndexFields.SOURCE, a.getSourceId(), Field.Store.YES));
    // a story's sources and copies are counted for every hit of a search: from doc values, which
    // read one value, not from the stored fields, which decompress a block of documents
    doc.add(new SortedDocValuesField(IndexFields.SOURCE, new BytesRef(a.getSourceId())));
    if (a.getLanguage() != null) {
      doc.add(new StringField(IndexFields.LANGUAGE, a.getLanguage(), Field.Store.YES));
    }
    // Every article belongs to a story (its own, when none was assigned): search collapses by it.
    String story = a.getStoryId() != null ? a.getStoryId() : a.getId();
    doc.add(new StringField(IndexFields.STORY, story, Field.Store.YES));
    doc.add(new SortedDocValuesField(IndexFields.STORY, new BytesRef(story)));
    if (a.getCopyOf() != null) {
      // a copy tells nothing its original did not: it is folded under it, not counted in the story
      doc.add(new StringField(IndexFields.COPY_OF, a.getCopyOf(), Field.Store.YES));
      doc.add(new SortedDocValuesField(IndexFields.COPY_OF, new BytesRef(a.getCopyOf())));
      doc.add(new StringField(IndexFields.IS_COPY, IndexFields.YES, Field.Store.NO));
    }
    doc.add(new SortedSetDocValuesFacetField(IndexFields.SOURCE, a.getSourceId()));
    if (a.getLanguage() != null) {
      doc.add(new SortedSetDocValuesFacetField(IndexFields.LANGUAGE, a.getLanguage()));
    }
    for (String topic : a.getTopics()) {
      doc.add(new StringField(IndexFields.TOPIC, topic, Field.Store.YES));
      doc.add(new SortedSetDocValuesFacetField(IndexFields.TOPIC, topic));
    }
    for (String place : a.getPlaces()) {
      doc.add(new StringField(IndexFields.PLACE, place, Field.Store.YES));
      doc.add(new SortedSetDocValuesFacetField(IndexFields.PLACE, place));
    }
    addTime(doc, IndexFields.PUBLISHED_AT, a.getPublishedAt());
    addTime(doc, IndexFields.INGESTED_AT, a.getIngestedAt());
    writer.updateDocument(new Term(IndexFields.ID, a.getId()), facets.build(doc));
  }

  /**
   * Records a dead letter, keyed by its place in news.dlq so a replay replaces rather than adds.
   */
  public void upsertDeadLetter(String key, DeadLetter d) throws IOException {
    upsertDeadLetter(key, d, null);
  }

  /**
   * Records a dead letter as {@link #upsertDeadLetter(String, DeadLetter)} does, with where in
   * Kafka it was read ({@link IndexFields#KAFKA_POSITION}, or null).
   */
  public void upsertDeadLetter(String key, DeadLetter d, String position) throws IOException {
    Document doc = new Document();
    doc.add(new StringField(IndexFields.ID, key, Field.Store.YES));
    if (position != null) {
      doc.add(new StoredField(IndexFields.KAFKA_POSITION, position));
    }
    doc.add(new StringField(IndexFields.KIND, IndexFields.KIND_DEAD_LETTER, Field.Store.NO));
    if (d.getId() != null && !d.getId().isBlank()) {
      // Indexed, not only stored: "what became of article X" is a term lookup
      doc.add(new StringField(IndexFields.DLQ_ARTICLE_ID, d.getId(), Field.Store.YES));
    }
    doc.add(new StringField(IndexFields.DLQ_STAGE, d.getStage(), Field.Store.YES));
    doc.add(new StoredField(IndexFields.DLQ_REASON, d.getReason()));
    addTime(doc, IndexFields.DLQ_FAILED_AT, d.getFailedAt());
    writer.updateDocument(new Term(IndexFields.ID, key), doc);
  }

  /** Durably commits every write so far together with the consumed offsets. */
  public void commit(Map<TopicPartition, Long> offsets) throws IOException {
    Map<String, String> data = new HashMap<>();
    data.put(IndexFields.ANALYSIS_KEY, IndexFields.ANALYSIS_VERSION);
    for (Map.Entry<TopicPartition, Long> e : offsets.entrySet()) {
      data.put(
          IndexFields.OFFSET_PREFIX + e.getKey().topic() + ":" + e.getKey().partition(),
          Long.toString(e.getValue()));
    }
    writer.setLiveCommitData(data.entrySet());
    writer.commit();
  }

  /** Makes writes so far visible to searches through {@link #searcherManager()}. */
  public void refresh() throws IOException {
    searchers.maybeRefresh();
  }

  /** Near-real-time searchers over this index. */
  public SearcherManager searcherManager() {
    return searchers;
  }

  private static void storeIfPresent(Document doc, String field, String value) {
    if (value != null && !value.isBlank()) {
      doc.add(new StoredField(field, value));
    }
  }

  private static void addTime(Document doc, String field, Instant t) {
    if (t != null) {
      long ms = t.toEpochMilli();
      doc.add(new LongPoint(field, ms));
      doc.add(new NumericDocValuesField(field, ms));
      doc.add(new StoredField(field, ms));
    }
  }

  /** Closes without committing: what was not committed is replayed from Kafka on the next start. */
  @Override
  public void close() throws IOException {
    try {
      searchers.close();
    } finally {
      try {
        writer.close();
      } finally {
        directory.close();
      }
    }
  }
}
