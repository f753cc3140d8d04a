package dev.wirewatch.processor.alert.burst;

/**
 * When a story or topic is bursting: its article count in the current hour reaches {@code
 * max(minCount, mean + sigmas × standard deviation)} of its hourly counts over the previous {@code
 * baselineDays}. One alert per burst: a burst ends with the first hour below the threshold.
 */
public record BurstRules(int minCount, double sigmas, int baselineDays) {
  public static final BurstRules DEFAULT = new BurstRules(5, 3.0, 14);

  public BurstRules {
    if (minCount < 1) {
      throw new IllegalArgumentException("burst.minCount must be at least 1, got " + minCount);
    }
    if (sigmas < 0) {
      throw new IllegalArgumentException("burst.sigmas must be >= 0, got " + sigmas);
    }
    if (baselineDays < 1 || baselineDays > 60) {
      throw new IllegalArgumentException(
          "burst.baselineDays must be within 1..60, got " + baselineDays);
    }
  }

  /** Hours of baseline. */
  public int baselineHours() {
    return baselineDays * 24;
  }
}
