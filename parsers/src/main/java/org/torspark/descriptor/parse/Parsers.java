package org.torspark.descriptor.parse;

import org.torspark.descriptor.DescriptorType;

/**
 * The parser table: one parser per {@link DescriptorType}. The switch is exhaustive, so a new type
 * without a parser does not compile.
 */
public final class Parsers {
  private static final DescriptorParser MICRODESCRIPTOR = new MicrodescriptorParser();
  private static final DescriptorParser BANDWIDTH_FILE = new BandwidthFileParser();
  private static final DescriptorParser TORDNSEL = new ExitListParser();

  private Parsers() {}

  /** The parser for {@code type}. */
  public static DescriptorParser forType(DescriptorType type) {
    return switch (type) {
      case SERVER_DESCRIPTOR -> ServerDescriptorParser.RELAY;
      case BRIDGE_SERVER_DESCRIPTOR -> ServerDescriptorParser.BRIDGE;
      case EXTRA_INFO -> ExtraInfoParser.RELAY;
      case BRIDGE_EXTRA_INFO -> ExtraInfoParser.BRIDGE;
      case MICRODESCRIPTOR -> MICRODESCRIPTOR;
      case NETWORK_STATUS_CONSENSUS_3 -> NetworkStatusParser.CONSENSUS;
      case NETWORK_STATUS_MICRODESC_CONSENSUS_3 -> NetworkStatusParser.MICRODESC_CONSENSUS;
      case NETWORK_STATUS_VOTE_3 -> NetworkStatusParser.VOTE;
      case BRIDGE_NETWORK_STATUS -> NetworkStatusParser.BRIDGE;
      case DIR_KEY_CERTIFICATE_3 -> KeyCertificateParser.INSTANCE;
      case BANDWIDTH_FILE -> BANDWIDTH_FILE;
      case TORDNSEL -> TORDNSEL;
    };
  }
}
