package org.torspark.descriptor.parse;

/**
 * The structure of a tor ed25519 certificate (cert-spec §2.1) as found in {@code identity-ed25519}
 * objects: version, type, certified key and extensions, checked for consistency. Signatures are
 * not verified: that costs far more than parsing and CollecTor archives only hold descriptors the
 * directory authorities accepted.
 */
final class Ed25519Cert {
  /** Certificate type: ed25519 identity key certifying a signing key. */
  static final int IDENTITY_V_SIGNING = 4;
  private static final int KEY_TYPE_ED25519 = 1;
  private static final int EXT_SIGNED_WITH_ED25519_KEY = 4;
  private static final int EXT_FLAG_AFFECTS_VALIDATION = 1;
  private static final int HEADER = 40;
  private static final int SIGNATURE = 64;

  final int certType;
  final byte[] certifiedKey;
  /** The key that signed the certificate, from the signed-with-ed25519-key extension, or null. */
  final byte[] signingKey;

  private Ed25519Cert(int certType, byte[] certifiedKey, byte[] signingKey) {
    this.certType = certType;
    this.certifiedKey = certifiedKey;
    this.signingKey = signingKey;
  }

  /**
   * Reads a certificate.
   *
   * @throws IllegalArgumentException saying what is inconsistent
   */
  static Ed25519Cert parse(byte[] b) {
    if (b.length < HEADER + SIGNATURE) {
      throw new IllegalArgumentException("certificate is " + b.length + " bytes, too short");
    }
    if (b[0] != 1) {
      throw new IllegalArgumentException("certificate version " + (b[0] & 0xff) + " is not 1");
    }
    int certType = b[1] & 0xff;
    if ((b[6] & 0xff) != KEY_TYPE_ED25519) {
      throw new IllegalArgumentException("certified key type " + (b[6] & 0xff) + " is not ed25519 (1)");
    }
    byte[] certified = java.util.Arrays.copyOfRange(b, 7, 39);
    int extensions = b[39] & 0xff;
    int pos = HEADER;
    byte[] signing = null;
    for (int i = 0; i < extensions; i++) {
      if (pos + 4 > b.length - SIGNATURE) {
        throw new IllegalArgumentException("certificate extension " + (i + 1) + " is truncated");
      }
      int length = ((b[pos] & 0xff) << 8) | (b[pos + 1] & 0xff);
      int type = b[pos + 2] & 0xff;
      int flags = b[pos + 3] & 0xff;
      pos += 4;
      if (pos + length > b.length - SIGNATURE) {
        throw new IllegalArgumentException("certificate extension " + (i + 1) + " is truncated");
      }
      if (type == EXT_SIGNED_WITH_ED25519_KEY) {
        if (length != 32) {
          throw new IllegalArgumentException("signed-with-ed25519-key extension holds " + length + " bytes, not 32");
        }
        signing = java.util.Arrays.copyOfRange(b, pos, pos + 32);
      } else if ((flags & EXT_FLAG_AFFECTS_VALIDATION) != 0) {
        throw new IllegalArgumentException("unknown certificate extension type " + type + " affects validation");
      }
      pos += length;
    }
    if (pos != b.length - SIGNATURE) {
      throw new IllegalArgumentException("certificate has " + (b.length - SIGNATURE - pos)
          + " bytes between its extensions and its signature");
    }
    return new Ed25519Cert(certType, certified, signing);
  }
}
