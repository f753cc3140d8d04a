package dev.wirewatch.deploy.pipeline;

/**
 * Counts of the pipeline's stages at one moment.
 *
 * @param ingested raw articles published to news.raw
 * @param processed raw records handled by the processor
 * @param indexed articles written to the index
 * @param deadLetters records recorded as dead letters
 * @param elapsedMillis time since the pipeline started
 */
public record Progress(
    long ingested, long processed, long indexed, long deadLetters, long elapsedMillis) {
  /** Articles and dead letters per second since start. */
  public double rate() {
    return elapsedMillis == 0 ? 0 : (indexed + deadLetters) * 1000.0 / elapsedMillis;
  }
}
