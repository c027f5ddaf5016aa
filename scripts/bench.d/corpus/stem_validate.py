#!/usr/bin/python3
"""A second opinion on a generated corpus: Stem (python3-stem) parses the first members of every
archive with validate=True. Signature checks are switched off (the corpus signatures are random
bytes); everything else Stem validates stays on, including fingerprint = SHA-1 of the signing key
and the digest of each server descriptor against its archive member name.

usage: /usr/bin/python3 scripts/bench.d/corpus/stem_validate.py OUT [PER_ARCHIVE]
PER_ARCHIVE descriptors (default 200) but at most 2 status documents, bandwidth files or exit
lists per archive: Stem needs seconds for each. Prints one line per archive; exit status 1 if Stem
rejected anything.
"""
import os
import sys
import tarfile

import stem.prereq

stem.prereq.is_crypto_available = lambda *args, **kwargs: False  # no signature checks

import stem.descriptor  # noqa: E402
from stem.descriptor import DocumentHandler  # noqa: E402

TYPES = [("server-descriptors", "server-descriptor 1.0", None),
         ("extra-infos", "extra-info 1.0", None),
         ("microdescs", "microdescriptor 1.0", "/micro/"),
         ("microdescs", "network-status-microdesc-consensus-3 1.0", "/consensus-microdesc/"),
         ("consensuses", "network-status-consensus-3 1.0", None),
         ("bandwidths", "bandwidth-file 1.0", None),
         ("exit-lists", "tordnsel 1.0", None)]


DESCRIPTORS = ("server-descriptor", "extra-info", "microdescriptor")


def main():
    out = sys.argv[1]
    per_archive = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    archives = []
    for dirpath, _, files in os.walk(os.path.join(out, "archive")):
        archives.extend(os.path.join(dirpath, f) for f in files if f.endswith(".tar.xz"))
    failed = 0
    for path in sorted(archives):
        folder = os.path.basename(os.path.dirname(path))
        for kind, stem_type, member_filter in TYPES:
            if kind != folder:
                continue
            checked, problems = 0, []
            limit = per_archive if stem_type.split(" ")[0] in DESCRIPTORS else min(2, per_archive)
            with tarfile.open(path, "r:xz") as tar:
                for m in tar:
                    if checked >= limit:
                        break
                    if not m.isfile() or (member_filter and member_filter not in m.name):
                        continue
                    data = tar.extractfile(m).read()
                    checked += 1
                    try:
                        _validate(stem_type, data, m.name)
                    except Exception as e:  # Stem raises ValueError and friends; report them all
                        problems.append("%s: %s" % (m.name, e))
            failed += len(problems)
            print("stem validate=True: %s (%s): %d checked, %d rejected%s" % (
                os.path.basename(path), stem_type, checked, len(problems),
                "".join("\n    " + p[:300] for p in problems[:5])))
    sys.exit(1 if failed else 0)


def _validate(stem_type, data, name):
    import io
    handler = {"document_handler": DocumentHandler.DOCUMENT} if "network-status" in stem_type else {}
    found = 0
    for desc in stem.descriptor.parse_file(io.BytesIO(data), stem_type, validate=True, **handler):
        found += 1
        if stem_type.startswith("server-descriptor") and desc.digest().lower() != name.rsplit("/", 1)[1]:
            raise ValueError("digest %s differs from the member name" % desc.digest())
    if not found:
        raise ValueError("no descriptor found")


if __name__ == "__main__":
    main()
