package dev.wirewatch.deploy.command;

/** The exit codes of every command. */
public final class ExitCodes {
  /** Everything asked was done. */
  public static final int OK = 0;

  /** The run failed, or some input had to be skipped (each reported with its reason). */
  public static final int FAILURE = 1;

  /** Bad usage: an unknown option, a bad value, a settings file that does not load. */
  public static final int USAGE = 2;

  private ExitCodes() {}
}
