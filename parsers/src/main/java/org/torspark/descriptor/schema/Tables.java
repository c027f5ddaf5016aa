package org.torspark.descriptor.schema;

import org.torspark.descriptor.BandwidthFile;
import org.torspark.descriptor.DescriptorType;
import org.torspark.descriptor.ExitList;
import org.torspark.descriptor.ExtraInfoDescriptor;
import org.torspark.descriptor.Microdescriptor;
import org.torspark.descriptor.KeyCertificate;
import org.torspark.descriptor.NetworkStatus;
import org.torspark.descriptor.ServerDescriptor;

/**
 * Which {@link Table} shows a descriptor type: the row table (one row per descriptor, or per
 * router status entry / bandwidth-file relay line / exit-list relay for whole-file documents) or,
 * for whole-file documents, the document table (one row per file: headers, parameters, counts).
 */
public final class Tables {
  private Tables() {}

  /** The grain a type is read at. */
  public enum Grain {
    /** One row per descriptor, router status entry, bandwidth-file relay line or exit-list relay. */
    ROW,
    /** One row per document (status document, bandwidth file or exit list header). */
    DOCUMENT
  }

  /**
   * The table of {@code type} at {@code grain}. Only whole-file documents ({@link
   * DescriptorType#oneDocumentPerFile()}) have a document grain; asking for it on another type is
   * an {@link IllegalArgumentException} that says so. The switch is exhaustive.
   */
  public static Table<?> forType(DescriptorType type, Grain grain) {
    if (grain == Grain.DOCUMENT && !hasDocumentGrain(type)) {
      throw new IllegalArgumentException(type + " has no document grain: it is read one row per descriptor");
    }
    boolean row = grain == Grain.ROW;
    return switch (type) {
      case SERVER_DESCRIPTOR, BRIDGE_SERVER_DESCRIPTOR -> ServerDescriptor.TABLE;
      case EXTRA_INFO, BRIDGE_EXTRA_INFO -> ExtraInfoDescriptor.TABLE;
      case MICRODESCRIPTOR -> Microdescriptor.TABLE;
      case DIR_KEY_CERTIFICATE_3 -> KeyCertificate.TABLE;
      case NETWORK_STATUS_CONSENSUS_3 -> row ? NetworkStatus.CONSENSUS_TABLE : NetworkStatus.CONSENSUS_DOCUMENT_TABLE;
      case NETWORK_STATUS_MICRODESC_CONSENSUS_3 ->
          row ? NetworkStatus.MICRODESC_CONSENSUS_TABLE : NetworkStatus.MICRODESC_CONSENSUS_DOCUMENT_TABLE;
      case NETWORK_STATUS_VOTE_3 -> row ? NetworkStatus.VOTE_TABLE : NetworkStatus.VOTE_DOCUMENT_TABLE;
      case BRIDGE_NETWORK_STATUS -> row ? NetworkStatus.BRIDGE_TABLE : NetworkStatus.BRIDGE_DOCUMENT_TABLE;
      case BANDWIDTH_FILE -> row ? BandwidthFile.TABLE : BandwidthFile.DOCUMENT_TABLE;
      case TORDNSEL -> row ? ExitList.TABLE : ExitList.DOCUMENT_TABLE;
    };
  }

  /** True if the type has a separate document-grain table. */
  public static boolean hasDocumentGrain(DescriptorType type) {
    return type.oneDocumentPerFile();
  }
}
