"""Reads a generated corpus back and re-checks, from the archive bytes alone, what makes it a
usable benchmark and join test: member names are the documents' digests, and every reference
(consensus r digest, extra-info-digest, microdesc consensus m line) resolves to a document in the
corpus; and every ed25519 key decodes to a point on the curve. Independent of the Java parsers."""
import base64
import hashlib
import os
import tarfile

from . import encode


def _members(path):
    with tarfile.open(path, "r:xz") as tar:
        for m in tar:
            if m.isfile():
                yield m.name, tar.extractfile(m).read()


def _strip_type(data):
    if data.startswith(b"@type "):
        return data[data.index(b"\n") + 1:]
    return data


def _signed_sha1(doc, first):
    start = doc.index(first)
    end = doc.index(b"\nrouter-signature\n") + len(b"\nrouter-signature\n")
    return hashlib.sha1(doc[start:end]).hexdigest()


def _b64_hex(text):
    return base64.b64decode(text + b"=" * (-len(text) % 4)).hex()


class _Ed25519Keys:
    """Checks the ed25519 keys of documents by RFC 8032 decoding, each distinct key once."""

    def __init__(self, problems):
        self.problems = problems
        self.seen = set()

    def check(self, name, what, key):
        if key in self.seen:
            return
        self.seen.add(key)
        if encode.ed25519_x(key) is None:
            self.problems.append("%s: %s %s is not a point on ed25519" % (name, what, key.hex()))

    def relay(self, name, doc):
        """identity-ed25519 (certified key and signed-with-ed25519-key extension) and
        master-key-ed25519 of a server descriptor or extra-info."""
        at = doc.find(b"\nidentity-ed25519\n-----BEGIN ED25519 CERT-----\n")
        if at < 0:
            return
        pem = doc[at:].split(b"-----", 3)[2]
        cert = base64.b64decode(b"".join(pem.split()))
        self.check(name, "identity-ed25519 certified key", cert[7:39])
        if cert[39] and cert[42] == 4:
            self.check(name, "identity-ed25519 signed-with-ed25519-key", cert[44:76])
        at = doc.find(b"\nmaster-key-ed25519 ")
        if at >= 0:
            line = doc[at + 1:].split(b"\n", 1)[0]
            self.check(name, "master-key-ed25519", encode.b64_decode_nopad(line.split(b" ")[1].decode()))


def verify(out):
    problems = []
    try:
        encode.ed25519_self_test()
    except AssertionError as e:
        problems.append("ed25519 decoding fails its self-test: %s" % e)
    keys = _Ed25519Keys(problems)
    archive = os.path.join(out, "archive")
    paths = []
    for dirpath, _, files in os.walk(archive):
        paths.extend(os.path.join(dirpath, f) for f in files if f.endswith(".tar.xz"))
    paths.sort()
    by_kind = {}
    for p in paths:
        by_kind.setdefault(os.path.basename(os.path.dirname(p)), []).append(p)

    extra = {}  # sha1 hex -> sha256 b64
    for p in by_kind.get("extra-infos", []):
        for name, data in _members(p):
            doc = _strip_type(data)
            sha1 = _signed_sha1(doc, b"extra-info ")
            if name.rsplit("/", 1)[1] != sha1:
                problems.append("%s: member %s has digest %s" % (os.path.basename(p), name, sha1))
            extra[sha1] = base64.b64encode(hashlib.sha256(doc).digest()).rstrip(b"=")
            keys.relay(name, doc)
    servers = set()
    for p in by_kind.get("server-descriptors", []):
        for name, data in _members(p):
            doc = _strip_type(data)
            sha1 = _signed_sha1(doc, b"router ")
            if name.rsplit("/", 1)[1] != sha1:
                problems.append("%s: member %s has digest %s" % (os.path.basename(p), name, sha1))
            servers.add(sha1)
            keys.relay(name, doc)
            line = doc[doc.index(b"\nextra-info-digest ") + 1:].split(b"\n", 1)[0].split(b" ")
            if line[1].lower().decode() not in extra:
                problems.append("%s: extra-info-digest %s not in the corpus" % (name, line[1].decode()))
            elif len(line) > 2 and extra[line[1].lower().decode()] != line[2]:
                problems.append("%s: extra-info-digest sha256 %s does not match" % (name, line[2].decode()))
    for p in by_kind.get("consensuses", []):
        for name, data in _members(p):
            for line in data.split(b"\n"):
                if line.startswith(b"r ") and _b64_hex(line.split(b" ")[3]) not in servers:
                    problems.append("%s: r line %s points to no server descriptor" % (name, line.decode()))
                    break
    for p in by_kind.get("microdescs", []):
        micro, consensuses = set(), []
        for name, data in _members(p):
            if "/micro/" in name:
                digest = hashlib.sha256(_strip_type(data)).hexdigest()
                if name.rsplit("/", 1)[1] != digest:
                    problems.append("%s: member %s has digest %s" % (os.path.basename(p), name, digest))
                micro.add(digest)
                at = data.find(b"\nid ed25519 ")
                if at >= 0:
                    key = data[at + len(b"\nid ed25519 "):].split(b"\n", 1)[0].decode()
                    keys.check(name, "id ed25519", encode.b64_decode_nopad(key))
            else:
                consensuses.append((name, [l[2:] for l in data.split(b"\n") if l.startswith(b"m ")]))
        for name, refs in consensuses:
            missing = [r for r in refs if _b64_hex(r) not in micro]
            if missing:
                problems.append("%s: %d m lines point to no microdescriptor" % (name, len(missing)))
    for p in by_kind.get("bandwidths", []):
        for name, data in _members(p):
            digest = hashlib.sha256(_strip_type(data)).hexdigest().upper()
            if not name.endswith("-" + digest):
                problems.append("%s: bandwidth file digest %s not in its name" % (name, digest))
    if not paths:
        problems.append("no archives under " + archive)
    return problems[:50]
