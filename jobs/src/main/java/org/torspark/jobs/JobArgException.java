package org.torspark.jobs;

/** A bad command-line option: the message names the option and the value, in one line. */
public final class JobArgException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public JobArgException(String message) {
    super(message);
  }
}
