package dev.wirewatch.deploy.command;

import dev.wirewatch.deploy.config.ConfigFileException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every command shares: the output streams and one way to say what went wrong (commands that
 * keep data extend {@link DataDirCommand}). A command implements {@link #run}; an option value it
 * cannot use ({@link UsageException}) or a settings file that does not load ({@link
 * ConfigFileException}) is printed as one line, exit code {@link ExitCodes#USAGE}.
 */
public abstract class WirewatchCommand implements Callable<Integer> {
  @Spec protected CommandSpec spec;

  @Override
  public final Integer call() throws Exception {
    beforeRun();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      return run(out, err);
    } catch (UsageException | ConfigFileException e) {
      return usage(e.getMessage());
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** Runs before {@link #run}, before anything logs. */
  void beforeRun() {}

  /** Does the command's work; returns its exit code ({@link ExitCodes}). */
  protected abstract int run(PrintWriter out, PrintWriter err) throws Exception;

  /** Says what is wrong, prefixed by the command's name, and returns {@code code}. */
  protected final int fail(int code, String message) {
    spec.commandLine().getErr().println("wirewatch " + spec.name() + ": " + message);
    return code;
  }

  /** {@link #fail} with {@link ExitCodes#USAGE}: a bad option or settings file. */
  protected final int usage(String message) {
    return fail(ExitCodes.USAGE, message);
  }

  /** {@link #fail} with {@link ExitCodes#FAILURE}. */
  protected final int failure(String message) {
    return fail(ExitCodes.FAILURE, message);
  }
}
