package dev.wirewatch.deploy.command;

import picocli.CommandLine.Mixin;

/**
 * A command that reads or writes Wirewatch's data: it takes the common options ({@code --data-dir},
 * {@code --config}) and logs to {@code <data-dir>/logs}.
 */
public abstract class DataDirCommand extends WirewatchCommand {
  @Mixin protected CommonOptions common;

  @Override
  final void beforeRun() {
    common.initLogging();
  }
}
