package dev.wirewatch.ingest.publish;

import dev.wirewatch.schemas.RawArticle;

/**
 * Where ingest puts what it reads: news.raw (and news.dlq for rejections) in production, a list in
 * tests.
 */
public interface RawArticleSink {
  /** Publishes one article, asynchronously; failures surface no later than {@link #flush()}. */
  void publish(RawArticle article);

  /**
   * Records an input that could not become an article, asynchronously, as {@link #publish} does.
   */
  void reject(Rejection rejection);

  /**
   * Waits until everything published so far is durably written.
   *
   * @throws IllegalStateException if any publish failed, naming the first failure
   */
  void flush();
}
