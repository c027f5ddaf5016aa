package org.torspark.descriptor.parse;

import org.torspark.descriptor.DescriptorType;

/** The parser table: one parser per {@link DescriptorType}. */
public final class Parsers {
  private static final DescriptorParser MICRODESCRIPTOR = new MicrodescriptorParser();
  private static final DescriptorParser BANDWIDTH_FILE = new BandwidthFileParser();
  private static final DescriptorParser TORDNSEL = new ExitListParser();

  private Parsers() {}

  /** The parser for {@code type}; never null for a supported type. */
  public static DescriptorParser forType(DescriptorType type) {
    switch (type) {
      case MICRODESCRIPTOR:
        return MICRODESCRIPTOR;
      case BANDWIDTH_FILE:
        return BANDWIDTH_FILE;
      case TORDNSEL:
        return TORDNSEL;
      case NETWORK_STATUS_CONSENSUS_3:
        return NetworkStatusParser.CONSENSUS;
      case NETWORK_STATUS_MICRODESC_CONSENSUS_3:
        return NetworkStatusParser.MICRODESC_CONSENSUS;
      case NETWORK_STATUS_VOTE_3:
        return NetworkStatusParser.VOTE;
      case BRIDGE_NETWORK_STATUS:
        return NetworkStatusParser.BRIDGE;
      case DIR_KEY_CERTIFICATE_3:
        return KeyCertificateParser.INSTANCE;
      default:
        throw new IllegalArgumentException("no parser registered for " + type);
    }
  }
}
