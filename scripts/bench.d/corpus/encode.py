"""Byte-level building blocks of Tor documents: base64 objects, RSA/ed25519 key and certificate
shapes, digests and timestamps. Keys are random but well-formed, so that every derived value
(fingerprint = SHA-1 of the DER signing key, master-key-ed25519 = the key inside the identity
certificate) is consistent, and every ed25519 key is a point on the curve (parsers reject keys that
are not); signatures are random bytes of the right length and do not verify."""
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


# ed25519 (RFC 8032 §5.1): p = 2^255 - 19, d = -121665/121666, sqrt(-1) = 2^((p-1)/4)
ED_P = 2 ** 255 - 19
ED_D = -121665 * pow(121666, ED_P - 2, ED_P) % ED_P
ED_SQRT_M1 = pow(2, (ED_P - 1) // 4, ED_P)
_Y_MASK = (1 << 255) - 1


def ed25519_x(key):
    """The x coordinate that the 32-byte public key `key` decodes to by RFC 8032 §5.1.3, strictly
    (y must be below p; x = 0 must not carry the sign bit), or None when it is not a point.
    One 252-bit modular exponentiation (~0.2 ms in CPython): verify.py uses it, the generator the
    quicker ed25519_is_point."""
    if len(key) != 32:
        return None
    n = int.from_bytes(key, "little")
    sign, y = n >> 255, n & _Y_MASK
    if y >= ED_P:
        return None
    yy = y * y % ED_P
    u = (yy - 1) % ED_P
    v = (ED_D * yy + 1) % ED_P
    x = u * pow(v, 3, ED_P) * pow(u * pow(v, 7, ED_P), (ED_P - 5) // 8, ED_P) % ED_P
    vxx = v * x * x % ED_P
    if vxx == (-u) % ED_P:
        x = x * ED_SQRT_M1 % ED_P
    elif vxx != u:
        return None
    if x == 0 and sign:
        return None
    return ED_P - x if (x & 1) != sign else x


def _jacobi(a, n):
    """The Jacobi symbol (a/n) for odd n > 0: for prime n, 1 if a is a non-zero square mod n, -1
    if not, 0 if n divides a. A few times quicker than Euler's a^((n-1)/2) in CPython."""
    a %= n
    t = 1
    while a:
        z = (a & -a).bit_length() - 1
        a >>= z
        if z & 1 and n & 7 in (3, 5):
            t = -t
        if a & n & 3 == 3:
            t = -t
        a, n = n % a, a
    return t if n == 1 else 0


def ed25519_is_point(key):
    """Whether ed25519_x(key) would find a point: y < p, x^2 = (y^2 - 1)/(d y^2 + 1) has a root
    (u/v is a square or 0 iff u*v is, v never being 0), and not x = 0 with the sign bit set."""
    n = int.from_bytes(key, "little")
    y = n & _Y_MASK
    if len(key) != 32 or y >= ED_P:
        return False
    yy = y * y % ED_P
    u = (yy - 1) % ED_P
    if u == 0:
        return n >> 255 == 0
    return _jacobi(u * (ED_D * yy + 1), ED_P) == 1


def ed25519_public_key(rng):
    """32 bytes that decode to an ed25519 point (parsers reject keys that do not). Draws 32 random
    bytes from `rng` exactly as random_bytes(rng, 32) does, so the rest of the stream, and with it
    the corpus, does not depend on which draws were points; a draw that is not (about half) is
    replaced by the first point among SHA-256(draw), SHA-256(SHA-256(draw)), ..., a pure function
    of the draw."""
    key = random_bytes(rng, 32)
    while not ed25519_is_point(key):
        key = hashlib.sha256(key).digest()
    return key


def ed25519_self_test():
    """Raises AssertionError unless both decoders agree with RFC 8032 and each other."""
    base = bytes.fromhex("5866666666666666666666666666666666666666666666666666666666666666")
    assert ed25519_x(base) == 15112221349535400772501151409588531511454012693041857206046113283949847762202
    for h in ("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",  # RFC 8032 §7.1
              "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
              "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025"):
        assert ed25519_is_point(bytes.fromhex(h)) and ed25519_x(bytes.fromhex(h)) is not None, h
    one = (1).to_bytes(32, "little")  # the neutral point, x = 0
    assert ed25519_x(one) == 0 and ed25519_is_point(one)
    minus_zero = (1 | 1 << 255).to_bytes(32, "little")
    assert ed25519_x(minus_zero) is None and not ed25519_is_point(minus_zero)
    for y in (2, ED_P, ED_P + 1):  # not a point; y >= p is not canonical
        key = y.to_bytes(32, "little")
        assert ed25519_x(key) is None and not ed25519_is_point(key), y
    key = b"torspark"
    for _ in range(200):
        key = hashlib.sha256(key).digest()
        x = ed25519_x(key)
        assert (x is not None) == ed25519_is_point(key), key.hex()
        if x is not None:  # on the curve: -x^2 + y^2 = 1 + d x^2 y^2
            y = int.from_bytes(key, "little") & _Y_MASK
            assert (y * y - x * x - 1 - ED_D * x * x * y * y) % ED_P == 0, key.hex()


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
