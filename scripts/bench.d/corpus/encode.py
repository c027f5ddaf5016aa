"""Byte-level building blocks of Tor documents: base64 objects, RSA/ed25519 key and certificate
shapes, digests and timestamps. Keys are random but well-formed, so that every derived value
(fingerprint = SHA-1 of the DER signing key, master-key-ed25519 = the key inside the identity
certificate) is consistent; signatures are random bytes of the right length and do not verify."""
import base64
import calendar
import hashlib
import time

RSA_EXPONENT = b"\x02\x03\x01\x00\x01"  # INTEGER 65537


def b64(data):
    return base64.b64encode(data).decode("ascii")


def b64_nopad(data):
    return b64(data).rstrip("=")


def b64_decode_nopad(text):
    return base64.b64decode(text + "=" * (-len(text) % 4))


def pem(kind, data):
    """An object block: -----BEGIN kind----- / 64-column base64 / -----END kind-----."""
    text = b64(data)
    lines = [text[i:i + 64] for i in range(0, len(text), 64)]
    return "-----BEGIN %s-----\n%s\n-----END %s-----" % (kind, "\n".join(lines), kind)


def random_bytes(rng, n):
    return rng.getrandbits(8 * n).to_bytes(n, "big")


def rsa1024_public_key_der(rng):
    """DER of a PKCS#1 RSAPublicKey with a random 1024-bit odd modulus (top bit set), the exact
    shape of tor's onion and signing keys ("MIGJAoGBA...")."""
    modulus = bytearray(random_bytes(rng, 128))
    modulus[0] |= 0x80
    modulus[-1] |= 0x01
    return b"\x30\x81\x89\x02\x81\x81\x00" + bytes(modulus) + RSA_EXPONENT


def ed25519_cert(rng, cert_type, expiration_hours, certified_key, signing_key=None):
    """A tor ed25519 certificate (cert-spec.txt): version 1, type, expiration in hours since the
    epoch, key type 1, the certified key, an optional signed-with-ed25519-key extension (type 4)
    carrying the signing key, and a random 64-byte signature."""
    body = bytearray(b"\x01")
    body.append(cert_type)
    body += expiration_hours.to_bytes(4, "big")
    body.append(1)
    body += certified_key
    if signing_key is None:
        body.append(0)
    else:
        body.append(1)
        body += (32).to_bytes(2, "big") + b"\x04\x00" + signing_key
    body += random_bytes(rng, 64)
    return bytes(body)


def sha1_hex(data):
    return hashlib.sha1(data).hexdigest()


def sha256(data):
    return hashlib.sha256(data).digest()


def fmt_time(epoch):
    """'YYYY-MM-DD HH:MM:SS' in UTC."""
    return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(epoch))


def fmt_iso(epoch):
    """'YYYY-MM-DDTHH:MM:SS' in UTC (bandwidth files)."""
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(epoch))


def fmt_name(epoch):
    """'YYYY-MM-DD-HH-MM-SS' in UTC (CollecTor file names)."""
    return time.strftime("%Y-%m-%d-%H-%M-%S", time.gmtime(epoch))


def parse_time(text):
    """Inverse of fmt_time."""
    return calendar.timegm(time.strptime(text, "%Y-%m-%d %H:%M:%S"))


def round_sig(value, digits):
    """Rounds a positive integer to `digits` significant digits (sbws and the authorities publish
    bandwidths that way)."""
    if value <= 0:
        return 0
    s = str(int(value))
    if len(s) <= digits:
        return int(s)
    return int(s[:digits]) * 10 ** (len(s) - digits)
