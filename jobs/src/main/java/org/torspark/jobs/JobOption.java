package org.torspark.jobs;

/**
 * One option a job accepts: {@code --name VALUE} (or a flag without value), its default and what it
 * means, for {@code torspark run JOB --help}, the docs and validation.
 */
public record JobOption(String name, String defaultValue, String doc, boolean repeatable, boolean flag) {

  public static JobOption of(String name, String defaultValue, String doc) {
    return new JobOption(name, defaultValue, doc, false, false);
  }

  public static JobOption repeatable(String name, String doc) {
    return new JobOption(name, null, doc, true, false);
  }

  public static JobOption flag(String name, String doc) {
    return new JobOption(name, null, doc, false, true);
  }
}
