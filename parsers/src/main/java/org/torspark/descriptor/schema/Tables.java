package org.torspark.descriptor.schema;

import org.torspark.descriptor.BandwidthFile;
import org.torspark.descriptor.DescriptorType;
import org.torspark.descriptor.ExitList;
import org.torspark.descriptor.Microdescriptor;
import org.torspark.descriptor.KeyCertificate;
import org.torspark.descriptor.NetworkStatus;

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

  public static Table<?> forType(DescriptorType type, Grain grain) {
    switch (type) {
      case MICRODESCRIPTOR:
        if (grain != Grain.ROW) {
          throw new IllegalArgumentException("microdescriptors have no document grain: one row per descriptor");
        }
        return Microdescriptor.TABLE;
      case BANDWIDTH_FILE:
        return grain == Grain.ROW ? BandwidthFile.TABLE : BandwidthFile.DOCUMENT_TABLE;
      case TORDNSEL:
        return grain == Grain.ROW ? ExitList.TABLE : ExitList.DOCUMENT_TABLE;
      case NETWORK_STATUS_CONSENSUS_3:
        return grain == Grain.ROW ? NetworkStatus.CONSENSUS_TABLE : NetworkStatus.CONSENSUS_DOCUMENT_TABLE;
      case NETWORK_STATUS_MICRODESC_CONSENSUS_3:
        return grain == Grain.ROW
            ? NetworkStatus.MICRODESC_CONSENSUS_TABLE : NetworkStatus.MICRODESC_CONSENSUS_DOCUMENT_TABLE;
      case NETWORK_STATUS_VOTE_3:
        return grain == Grain.ROW ? NetworkStatus.VOTE_TABLE : NetworkStatus.VOTE_DOCUMENT_TABLE;
      case BRIDGE_NETWORK_STATUS:
        return grain == Grain.ROW ? NetworkStatus.BRIDGE_TABLE : NetworkStatus.BRIDGE_DOCUMENT_TABLE;
      case DIR_KEY_CERTIFICATE_3:
        if (grain == Grain.ROW) {
          return KeyCertificate.TABLE;
        }
        throw new IllegalArgumentException(type + " has no document grain: one row per certificate");
      default:
        throw new IllegalArgumentException("no table registered for " + type + " at grain " + grain);
    }
  }

  /** True if the type has a separate document-grain table. */
  public static boolean hasDocumentGrain(DescriptorType type) {
    return type.oneDocumentPerFile();
  }
}
