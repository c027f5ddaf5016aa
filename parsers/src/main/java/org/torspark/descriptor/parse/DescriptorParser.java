package org.torspark.descriptor.parse;

import org.torspark.descriptor.Descriptor;

/** Turns one {@link Document} into its typed record, or says precisely why it cannot. */
@FunctionalInterface
public interface DescriptorParser {

  Descriptor parse(Document document) throws DescriptorParseException;
}
