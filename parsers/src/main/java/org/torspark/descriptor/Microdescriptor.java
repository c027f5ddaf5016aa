package org.torspark.descriptor;

import java.util.List;
import java.util.Map;
import org.torspark.descriptor.schema.ColumnType;
import org.torspark.descriptor.schema.Table;

/**
 * A relay microdescriptor (dir-spec §3.3, {@code @type microdescriptor 1.0}). It has no time and no
 * signature of its own: it is known by the SHA-256 digest of its bytes, which microdesc consensuses
 * reference in their {@code m} lines and CollecTor uses as its archive file name. Its time comes
 * from the consensuses that reference it.
 *
 * @param digest SHA-256 of the document bytes, base64 without padding, as in consensus {@code m} lines
 * @param digestHex the same digest as lower-case hex, as in CollecTor's archive file names
 * @param onionKey the {@code onion-key} item's TAP RSA key as a PEM block (BEGIN to END line, LF
 *     line ends), as Stem gives it; null when the item has no object (tor 0.4.9 and later)
 * @param ntorOnionKey curve25519 ntor key, base64 as written (tor drops the trailing {@code =} from
 *     consensus method 30), or null before tor 0.2.4
 * @param orAddresses additional OR addresses from {@code a} lines, as written ({@code [v6]:port})
 * @param family the {@code family} line's members as written
 * @param familyIds the {@code family-ids} line's members as written (tor 0.4.9 family keys)
 * @param exitPolicy the {@code p} line as written ({@code accept 80,443}); null when absent, which
 *     means {@code reject 1-65535}
 * @param exitPolicyV6 the {@code p6} line as written; null when absent ({@code reject 1-65535})
 * @param idRsa1024 base64 SHA-1 of the relay's RSA identity key ({@code id rsa1024}), or null
 * @param idEd25519 base64 ed25519 master key ({@code id ed25519}), or null
 * @param proto the {@code pr} line's protocol name to version-range list, as written
 * @param unknownLines lines with keywords this parser does not know (with any object after them),
 *     and {@code id} lines of key types it does not know
 */
public record Microdescriptor(
    String digest,
    String digestHex,
    String onionKey,
    String ntorOnionKey,
    List<String> orAddresses,
    List<String> family,
    List<String> familyIds,
    String exitPolicy,
    String exitPolicyV6,
    String idRsa1024,
    String idEd25519,
    Map<String, String> proto,
    List<String> unknownLines) implements Descriptor {

  public static final Table<Microdescriptor> TABLE = Table.<Microdescriptor>builder("microdescriptor")
      .column("digest", ColumnType.STRING, Microdescriptor::digest,
          "SHA-256 of the microdescriptor, base64 without '=' padding: the consensus 'm' line value")
      .column("digest_hex", ColumnType.STRING, Microdescriptor::digestHex,
          "The same SHA-256 as lower-case hex: CollecTor's archive file name")
      .column("onion_key", ColumnType.STRING, Microdescriptor::onionKey,
          "TAP onion key ('onion-key' object) as a PEM block, LF line ends; null if the item has no"
              + " object (tor 0.4.9+)")
      .column("ntor_onion_key", ColumnType.STRING, Microdescriptor::ntorOnionKey,
          "curve25519 ntor onion key, base64 as written")
      .column("or_addresses", ColumnType.STRING_LIST, Microdescriptor::orAddresses,
          "Additional OR addresses ('a' lines, consensus methods 14-27), as written")
      .column("family", ColumnType.STRING_LIST, Microdescriptor::family,
          "Declared family members ('family'), as written")
      .column("family_ids", ColumnType.STRING_LIST, Microdescriptor::familyIds,
          "Family keys ('family-ids'), as written")
      .column("exit_policy", ColumnType.STRING, Microdescriptor::exitPolicy,
          "IPv4 exit policy summary ('p' line) as written; null = reject 1-65535")
      .column("exit_policy_v6", ColumnType.STRING, Microdescriptor::exitPolicyV6,
          "IPv6 exit policy summary ('p6' line) as written; null = reject 1-65535")
      .column("id_rsa1024", ColumnType.STRING, Microdescriptor::idRsa1024,
          "Base64 SHA-1 digest of the RSA identity key ('id rsa1024')")
      .column("id_ed25519", ColumnType.STRING, Microdescriptor::idEd25519,
          "Base64 ed25519 master identity key ('id ed25519')")
      .column("proto", ColumnType.STRING_MAP, Microdescriptor::proto,
          "Subprotocol versions ('pr'): protocol name to version ranges")
      .column("unknown_lines", ColumnType.STRING_LIST, Microdescriptor::unknownLines,
          "Lines with unknown keywords or unknown 'id' key types, verbatim")
      .oneRowPerDescriptor()
      .build();

  @Override
  public DescriptorType type() {
    return DescriptorType.MICRODESCRIPTOR;
  }
}
