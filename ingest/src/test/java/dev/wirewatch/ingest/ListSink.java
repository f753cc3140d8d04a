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

  @Override
  public void flush() {}
}
