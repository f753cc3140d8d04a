package dev.wirewatch.ingest;

import dev.wirewatch.ingest.publish.RawArticleSink;
import dev.wirewatch.schemas.RawArticle;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A sink that keeps what it is given, for tests to read back. */
public final class ListSink implements RawArticleSink {
  /** Everything published, in order. */
  public final List<RawArticle> published = new CopyOnWriteArrayList<>();

  @Override
  public void publish(RawArticle article) {
    published.add(article);
  }

  /** Everything rejected, in order. */
  public final List<dev.wirewatch.ingest.publish.Rejection> rejected = new CopyOnWriteArrayList<>();

  @Override
  public void reject(dev.wirewatch.ingest.publish.Rejection rejection) {
    rejected.add(rejection);
  }

  @Override
  public void flush() {}
}
