package dev.wirewatch.deploy.command;

/**
 * An option value a command cannot work with, found when its settings are checked: printed as one
 * line naming the option and the value, exit code {@link ExitCodes#USAGE}.
 */
public final class UsageException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }

  /** Throws when {@code ok} is false. */
  public static void require(boolean ok, String message) {
    if (!ok) {
      throw new UsageException(message);
    }
  }
}
