package dev.wirewatch.deploy.command;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Closing what a command opened: each in turn, what fails to close is logged, not thrown. */
public final class Closeables {
  private static final Logger LOG = LoggerFactory.getLogger(Closeables.class);

  private Closeables() {}

  /** Closes each in list order. */
  public static void closeAll(List<? extends AutoCloseable> all) {
    for (AutoCloseable c : all) {
      try {
        c.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        LOG.warn("closing {}: {}", c, e.toString());
      }
    }
  }
}
