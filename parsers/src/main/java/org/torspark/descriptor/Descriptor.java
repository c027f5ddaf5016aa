package org.torspark.descriptor;

/** A parsed descriptor document. Each type has its own record; see {@link DescriptorType}. */
public interface Descriptor {

  DescriptorType type();
}
