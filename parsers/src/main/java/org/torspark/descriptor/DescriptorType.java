package org.torspark.descriptor;

import java.util.Locale;
import java.util.Optional;

/**
 * The descriptor types CollecTor archives, named as in its {@code @type NAME MAJOR.MINOR}
 * annotations. Any minor version of a supported major version is accepted.
 */
public enum DescriptorType {
  SERVER_DESCRIPTOR("server-descriptor", 1, false, "published"),
  BRIDGE_SERVER_DESCRIPTOR("bridge-server-descriptor", 1, false, "published"),
  EXTRA_INFO("extra-info", 1, false, "published"),
  BRIDGE_EXTRA_INFO("bridge-extra-info", 1, false, "published"),
  MICRODESCRIPTOR("microdescriptor", 1, false, null),
  NETWORK_STATUS_CONSENSUS_3("network-status-consensus-3", 1, true, "valid_after"),
  NETWORK_STATUS_MICRODESC_CONSENSUS_3("network-status-microdesc-consensus-3", 1, true, "valid_after"),
  NETWORK_STATUS_VOTE_3("network-status-vote-3", 1, true, "valid_after"),
  BRIDGE_NETWORK_STATUS("bridge-network-status", 1, true, "status_published"),
  DIR_KEY_CERTIFICATE_3("dir-key-certificate-3", 1, false, "dir_key_published"),
  BANDWIDTH_FILE("bandwidth-file", 1, true, "timestamp"),
  TORDNSEL("tordnsel", 1, true, "downloaded");

  private final String typeName;
  private final int majorVersion;
  private final boolean oneDocumentPerFile;
  private final String timeColumn;

  DescriptorType(String typeName, int majorVersion, boolean oneDocumentPerFile, String timeColumn) {
    this.typeName = typeName;
    this.majorVersion = majorVersion;
    this.oneDocumentPerFile = oneDocumentPerFile;
    this.timeColumn = timeColumn;
  }

  /** The name used in {@code @type} annotations, in CollecTor's index and by the {@code type} option. */
  public String typeName() {
    return typeName;
  }

  /** The annotation major version this library parses; a higher major version is refused. */
  public int majorVersion() {
    return majorVersion;
  }

  /** Status documents, bandwidth files and exit lists fill a whole file; the rest are concatenated. */
  public boolean oneDocumentPerFile() {
    return oneDocumentPerFile;
  }

  /**
   * The UTC timestamp column that places a row in time, or null (microdescriptors have none). For
   * whole-file documents (status documents, bandwidth files, exit lists) it is the document's time,
   * attached under this same name to every row of both the row table and the document table.
   * Bridge statuses call it {@code status_published} because their entries have a {@code published}
   * of their own.
   */
  public String timeColumn() {
    return timeColumn;
  }

  /** Looks a type up by its annotation name, case-insensitively. */
  public static Optional<DescriptorType> fromName(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    for (DescriptorType type : values()) {
      if (type.typeName.equals(wanted)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  /** All type names, comma separated, for error messages that list the valid choices. */
  public static String names() {
    StringBuilder sb = new StringBuilder();
    for (DescriptorType type : values()) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(type.typeName);
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return typeName;
  }
}
