package dev.wirewatch.ingest.publish;

import dev.wirewatch.schemas.RawArticle;

/** Where ingest puts the articles it reads: news.raw in production, a list in tests. */
public interface RawArticleSink {
  /** Publishes one article, asynchronously; failures surface no later than {@link #flush()}. */
  void publish(RawArticle article);

  /**
   * Waits until everything published so far is durably written.
   *
   * @throws IllegalStateException if any publish failed, naming the first failure
   */
  void flush();
}
