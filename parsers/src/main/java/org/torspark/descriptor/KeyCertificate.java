package org.torspark.descriptor;

import java.time.Instant;
import java.util.List;
import org.torspark.descriptor.schema.ColumnType;
import org.torspark.descriptor.schema.Table;

/**
 * A directory authority's key certificate ({@code dir-key-certificate-version 3} through the
 * {@code dir-key-certification} object): it binds the authority's medium-term signing key to its
 * long-term identity key. CollecTor archives them under {@code certs/}; tor caches them in
 * {@code cached-certs}; every vote embeds its author's.
 *
 * @param fingerprint the identity fingerprint, 40 upper-case hex; checked to be the SHA-1 of
 *     {@code dir-identity-key}
 * @param dirAddress {@code dir-address} as written ({@code ip:port}), or null
 * @param dirSigningKeyDigest SHA-1 of the signing key, 40 upper-case hex: what
 *     {@code directory-signature} lines name
 * @param dirIdentityKey the identity key object as written (PEM)
 * @param dirSigningKey the signing key object as written (PEM)
 * @param hasCrosscert whether the certificate carries a {@code dir-key-crosscert} (certificates
 *     from before tor 0.2.1 have none)
 */
public record KeyCertificate(
    int version,
    String fingerprint,
    String dirAddress,
    Instant dirKeyPublished,
    Instant dirKeyExpires,
    String dirSigningKeyDigest,
    String dirIdentityKey,
    String dirSigningKey,
    boolean hasCrosscert,
    List<String> unknownLines) implements Descriptor {

  @Override
  public DescriptorType type() {
    return DescriptorType.DIR_KEY_CERTIFICATE_3;
  }

  /** One row per certificate; also the nested shape of a vote's {@code key_certificate}. */
  public static final Table<KeyCertificate> TABLE = Table.<KeyCertificate>builder("dir_key_certificate")
      .column("fingerprint", ColumnType.STRING, KeyCertificate::fingerprint,
          "authority identity fingerprint, 40 upper-case hex (verified against dir_identity_key)")
      .column("dir_address", ColumnType.STRING, KeyCertificate::dirAddress, "ip:port as written, null if absent")
      .column("dir_key_published", ColumnType.TIMESTAMP, KeyCertificate::dirKeyPublished, "when the certificate was made (UTC)")
      .column("dir_key_expires", ColumnType.TIMESTAMP, KeyCertificate::dirKeyExpires, "when the signing key expires (UTC)")
      .column("version", ColumnType.INT, KeyCertificate::version, "dir-key-certificate-version (always 3)")
      .column("dir_signing_key_digest", ColumnType.STRING, KeyCertificate::dirSigningKeyDigest,
          "SHA-1 of the signing key, 40 upper-case hex; joins to directory-signature signing_key_digest")
      .column("dir_identity_key", ColumnType.STRING, KeyCertificate::dirIdentityKey, "identity key, PEM as written")
      .column("dir_signing_key", ColumnType.STRING, KeyCertificate::dirSigningKey, "signing key, PEM as written")
      .column("has_crosscert", ColumnType.BOOLEAN, KeyCertificate::hasCrosscert, "a dir-key-crosscert is present")
      .column("unknown_lines", ColumnType.STRING_LIST, KeyCertificate::unknownLines, "lines with unknown keywords, verbatim (with the object after one, LF-joined)")
      .oneRowPerDescriptor()
      .build();
}
