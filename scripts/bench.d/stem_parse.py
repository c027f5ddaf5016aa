#!/usr/bin/python3
"""The peer measurement: Stem (Debian's python3-stem) parsing files of one descriptor type, every
field, as `torspark parse` does. Run with /usr/bin/python3 (where apt installs stem).

usage: /usr/bin/python3 scripts/bench.d/stem_parse.py TYPE FILE...

Stem parses lazily unless validate=True, and validate=True also checks RSA signatures, which the
synthetic corpus does not carry. So each descriptor is read with validate=False and then parsed
in full by get_unrecognized_lines() (Stem's own "parse every line now" path; for bandwidth files,
whose body Stem parses only on access, by reading timestamp, header and measurements). Status
documents are read whole (DocumentHandler.DOCUMENT) and every router entry is forced the same
way. Prints one line: documents, rows, bytes, seconds inside the loop.
"""
import os
import sys
import time

import stem.descriptor
from stem.descriptor import DocumentHandler
from stem.descriptor.bandwidth_file import BandwidthFile

TYPES = {
    "server-descriptor": "server-descriptor 1.0",
    "extra-info": "extra-info 1.0",
    "microdescriptor": "microdescriptor 1.0",
    "network-status-consensus-3": "network-status-consensus-3 1.0",
    "network-status-microdesc-consensus-3": "network-status-microdesc-consensus-3 1.0",
    "network-status-vote-3": "network-status-vote-3 1.0",
    "bandwidth-file": "bandwidth-file 1.0",
    "tordnsel": "tordnsel 1.0",
}
DOCUMENTS = ("network-status-consensus-3", "network-status-microdesc-consensus-3", "network-status-vote-3")


def force(desc):
    if isinstance(desc, BandwidthFile):
        return (desc.timestamp, desc.header, desc.measurements)
    return desc.get_unrecognized_lines()


def main():
    type_name, files = sys.argv[1], sys.argv[2:]
    stem_type = TYPES[type_name]
    documents = rows = size = 0
    started = time.perf_counter()
    for path in files:
        size += os.path.getsize(path)
        if type_name in DOCUMENTS:
            for doc in stem.descriptor.parse_file(path, stem_type, document_handler=DocumentHandler.DOCUMENT):
                force(doc)
                for entry in doc.routers.values():
                    force(entry)
                    rows += 1
                documents += 1
        elif type_name == "tordnsel":
            # Stem yields one object per ExitNode; torspark counts the file as the document and
            # one row per exit address.
            for entry in stem.descriptor.parse_file(path, stem_type):
                force(entry)
                rows += max(1, len(entry.exit_addresses))
            documents += 1
        else:
            for desc in stem.descriptor.parse_file(path, stem_type):
                force(desc)
                documents += 1
                rows += len(desc.measurements) if type_name == "bandwidth-file" else 1
    seconds = time.perf_counter() - started
    print("stem %s: %d documents, %d rows, %d bytes in %.2f s: %.2f MB/s, %.0f rows/s" % (
        type_name, documents, rows, size, seconds, size / 1e6 / seconds, rows / seconds))


if __name__ == "__main__":
    main()
