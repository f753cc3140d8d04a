package dev.wirewatch.deploy.config;

/**
 * A settings file (sources, topics, watches) that cannot be used: the message names the file, the
 * key ({@code watches[1].deliver[0]}) and what is wrong, in one line for people.
 */
public final class ConfigFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ConfigFileException(String origin, String key, String problem) {
    super(origin + ": " + key + ": " + problem);
  }

  ConfigFileException(String origin, String problem, Throwable cause) {
    super(origin + ": " + problem, cause);
  }
}
