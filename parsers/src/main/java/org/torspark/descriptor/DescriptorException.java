package org.torspark.descriptor;

/** Thrown in strict mode: the first {@link DescriptorError} met, as an exception. */
public final class DescriptorException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient DescriptorError error;

  public DescriptorException(DescriptorError error) {
    super(error.describe());
    this.error = error;
  }

  public DescriptorError error() {
    return error;
  }
}
