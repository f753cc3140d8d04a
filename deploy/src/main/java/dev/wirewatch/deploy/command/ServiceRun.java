package dev.wirewatch.deploy.command;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * How a long-running service command runs: it starts, then waits until SIGTERM or Ctrl-C (a
 * shutdown hook closes the service, and the log last, so that closing can still log) or until the
 * service fails (then it closes and exits 1 with the failure's message, no stack trace).
 */
public final class ServiceRun {
  /** What to start, what to close, and how to tell it failed. */
  public interface Service {
    void start() throws Exception;

    void close();

    Throwable failure();

    /** A service from its three parts. */
    static Service of(Start start, Runnable close, Supplier<Throwable> failure) {
      return new Service() {
        @Override
        public void start() throws Exception {
          start.run();
        }

        @Override
        public void close() {
          close.run();
        }

        @Override
        public Throwable failure() {
          return failure.get();
        }
      };
    }
  }

  /** Starting a service, which may fail. */
  @FunctionalInterface
  public interface Start {
    void run() throws Exception;
  }

  private ServiceRun() {}

  /** Runs the service until it is stopped or fails; returns the command's exit code. */
  public static int untilStopped(String command, Service service, PrintWriter err)
      throws Exception {
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              service.close();
              stopped.countDown();
              // Log4j's own hook is off (log4j2.xml) so that closing Kafka clients can still log.
              org.apache.logging.log4j.LogManager.shutdown();
            },
            "wirewatch-" + command + "-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      service.start();
      while (!stopped.await(1, TimeUnit.SECONDS)) {
        Throwable failure = service.failure();
        if (failure != null) {
          err.println("wirewatch " + command + ": " + failure.getMessage());
          Runtime.getRuntime().removeShutdownHook(hook);
          hook.run();
          return ExitCodes.FAILURE;
        }
      }
    } catch (InterruptedException e) {
      // stopped from inside the JVM (an embedding application, a test): close as the hook would
      Runtime.getRuntime().removeShutdownHook(hook);
      hook.run();
    }
    return 0;
  }
}
