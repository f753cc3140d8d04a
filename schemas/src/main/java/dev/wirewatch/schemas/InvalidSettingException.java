package dev.wirewatch.schemas;

/**
 * A setting that fails validation: which key, and what is wrong with it. Thrown by the validated
 * records of sources, topics and watches; whoever read the value from a file adds the file and the
 * path of the record in it, so the user sees {@code watches.yaml: watches[1].deliver[0]: no target
 * 'x'}.
 */
public final class InvalidSettingException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String key;
  private final String problem;

  /**
   * @param key the setting's key relative to the record that holds it ({@code query}, {@code
   *     deliver[0]}), or a path from the file's root for checks across records
   * @param problem what is wrong, naming the bad value
   */
  public InvalidSettingException(String key, String problem) {
    super(key + ": " + problem);
    this.key = key;
    this.problem = problem;
  }

  /** The key, relative to the record that holds it. */
  public String key() {
    return key;
  }

  /** What is wrong. */
  public String problem() {
    return problem;
  }

  /** The same problem, its key placed under {@code parent} ({@code topics[2]} + {@code query}). */
  public InvalidSettingException under(String parent) {
    return new InvalidSettingException(parent.isEmpty() ? key : parent + "." + key, problem);
  }
}
