package dev.wirewatch.testlib;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.awaitility.core.ThrowingRunnable;

/**
 * Waiting in tests for something that happens asynchronously, on Awaitility: polled every 100 ms,
 * failing with what was last seen when the time is up. Never a fixed sleep.
 */
public final class Eventually {
  /** How often a condition is looked at. */
  public static final Duration POLL = Duration.ofMillis(100);

  private Eventually() {}

  /** Waits until the condition holds; fails after {@code atMost} naming {@code what}. */
  public static void until(String what, Duration atMost, Callable<Boolean> condition) {
    await(what).atMost(atMost).pollInterval(POLL).pollDelay(Duration.ZERO).until(condition);
  }

  /** Waits until the assertions pass; fails after {@code atMost} with the last failure. */
  public static void asserted(String what, Duration atMost, ThrowingRunnable assertions) {
    await(what)
        .atMost(atMost)
        .pollInterval(POLL)
        .pollDelay(Duration.ZERO)
        .untilAsserted(assertions);
  }
}
