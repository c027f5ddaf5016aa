package org.torspark.descriptor.parse;

import org.torspark.descriptor.DescriptorType;

/** The parser table: one parser per {@link DescriptorType}. */
public final class Parsers {
  private Parsers() {}

  /** The parser for {@code type}; never null for a supported type. */
  public static DescriptorParser forType(DescriptorType type) {
    switch (type) {
      case SERVER_DESCRIPTOR:
        return ServerDescriptorParser.RELAY;
      case BRIDGE_SERVER_DESCRIPTOR:
        return ServerDescriptorParser.BRIDGE;
      case EXTRA_INFO:
        return ExtraInfoParser.RELAY;
      case BRIDGE_EXTRA_INFO:
        return ExtraInfoParser.BRIDGE;
      default:
        throw new IllegalArgumentException("no parser registered for " + type);
    }
  }
}
