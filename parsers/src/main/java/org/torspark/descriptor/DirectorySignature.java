package org.torspark.descriptor;

import org.torspark.descriptor.schema.ColumnType;
import org.torspark.descriptor.schema.Table;

/**
 * One {@code directory-signature [algorithm] identity signing-key-digest} line of a consensus or
 * vote footer (the signature object itself is not kept).
 *
 * @param algorithm {@code sha1} when the line names none (as tor wrote before microdesc
 *     consensuses), else as written (e.g. {@code sha256})
 * @param identity the signing authority's v3 identity fingerprint, as written (hex)
 * @param signingKeyDigest SHA-1 of the authority's signing key, as written (hex); matches
 *     {@link KeyCertificate#dirSigningKeyDigest()}
 */
public record DirectorySignature(String algorithm, String identity, String signingKeyDigest) {

  /** Nested table of the {@code signatures} column of status documents. */
  public static final Table<DirectorySignature> TABLE = Table.<DirectorySignature>builder("directory_signature")
      .column("algorithm", ColumnType.STRING, DirectorySignature::algorithm, "digest algorithm; sha1 when not written")
      .column("identity", ColumnType.STRING, DirectorySignature::identity, "authority identity fingerprint (hex)")
      .column("signing_key_digest", ColumnType.STRING, DirectorySignature::signingKeyDigest,
          "SHA-1 of the authority's signing key (hex); joins to dir_signing_key_digest of key certificates")
      .build();
}
