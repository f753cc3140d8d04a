package dev.wirewatch.deploy.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/** Latency figures of a benchmark, and query-string encoding. */
final class Percentiles {
  private Percentiles() {}

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** Median, p95, p99 and max of durations in nanoseconds, in milliseconds. */
  static String percentiles(long[] nanos) {
    if (nanos.length == 0) {
      return "no samples";
    }
    long[] v = nanos.clone();
    Arrays.sort(v);
    return String.format(
        Locale.ROOT,
        "median %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms (n=%d)",
        at(v, 0.50),
        at(v, 0.95),
        at(v, 0.99),
        v[v.length - 1] / 1e6,
        v.length);
  }

  private static double at(long[] sorted, double q) {
    int i = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
  }
}
