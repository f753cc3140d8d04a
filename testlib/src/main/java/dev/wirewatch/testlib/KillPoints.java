package dev.wirewatch.testlib;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Where a fault test kills a process: a few points of a stream drawn from a seed, so that every run
 * kills somewhere else, and a failing run can be run again exactly. The seed is printed; {@code
 * -Dwirewatch.faultSeed=N} gives it back.
 */
public final class KillPoints {
  /** The system property that fixes the seed. */
  public static final String SEED_PROPERTY = "wirewatch.faultSeed";

  private KillPoints() {}

  /**
   * {@code kills} increasing points in {@code (0, total)}: the i-th (from 0) drawn uniformly from
   * its own slice of 10–70% of the stream, so each process does some work before it is killed and
   * the last one killed still leaves work (a check that polls for a point overshoots it a little).
   *
   * @param test named in the printed line
   */
  public static List<Integer> of(String test, int kills, int total) {
    long seed = Long.getLong(SEED_PROPERTY, System.nanoTime());
    System.out.println(
        test + ": fault seed " + seed + " (run again with -D" + SEED_PROPERTY + "=" + seed + ")");
    return of(seed, kills, total);
  }

  /** The points for a given seed. */
  public static List<Integer> of(long seed, int kills, int total) {
    if (kills < 1 || total < 10 * kills) {
      throw new IllegalArgumentException(
          "need at least one kill and ten records per kill, got " + kills + " in " + total);
    }
    Random random = new Random(seed);
    double low = 0.1;
    double slice = 0.6 / kills;
    List<Integer> points = new ArrayList<>();
    for (int i = 0; i < kills; i++) {
      double from = low + i * slice;
      int point = (int) (total * (from + random.nextDouble() * slice));
      int previous = points.isEmpty() ? 0 : points.get(points.size() - 1);
      points.add(Math.max(point, previous + 1));
    }
    return List.copyOf(points);
  }
}
