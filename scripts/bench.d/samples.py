"""Plain-file samples cut from the corpus archives, for the Stem comparison (Stem at ~1 MB/s
cannot read a month in a benchmark run) and for plain-file parse timings. Laid out like
CollecTor's recent/ folder: descriptors concatenated, each with its @type line; status documents,
bandwidth files and exit lists one per file. Deterministic: the first members in archive order."""
import os
import shutil
import tarfile

# type -> (archive folder, archive name prefix, member filter, how many, concatenate?)
SAMPLES = {
    "server-descriptor": ("relay-descriptors/server-descriptors", "server-descriptors-", None, 4000, True),
    "extra-info": ("relay-descriptors/extra-infos", "extra-infos-", None, 4000, True),
    "microdescriptor": ("relay-descriptors/microdescs", "microdescs-", "/micro/", 8000, True),
    "network-status-consensus-3": ("relay-descriptors/consensuses", "consensuses-", None, 2, False),
    "network-status-microdesc-consensus-3": ("relay-descriptors/microdescs", "microdescs-", "/consensus-microdesc/", 2, False),
    "bandwidth-file": ("relay-descriptors/bandwidths", "bandwidths-", None, 2, False),
    "tordnsel": ("exit-lists", "exit-list-", None, 24, False),
}


def build(corpus, out):
    """Writes out/<type>/... and returns {type: [files]}. Reuses an existing sample."""
    stamp = os.path.join(out, "SOURCE")
    manifest = os.path.join(corpus, "MANIFEST.json")
    source = "%s %d\n" % (manifest, os.path.getmtime(manifest))
    if os.path.exists(stamp) and open(stamp).read() == source:
        return _listing(out)
    shutil.rmtree(out, ignore_errors=True)
    for type_name, (folder, prefix, member_filter, count, concatenate) in SAMPLES.items():
        d = os.path.join(corpus, "archive", folder)
        archives = sorted(f for f in os.listdir(d) if f.startswith(prefix)) if os.path.isdir(d) else []
        target = os.path.join(out, type_name)
        os.makedirs(target)
        taken = 0
        batch = []
        for name in reversed(archives):  # the newest month first: the sample month itself
            with tarfile.open(os.path.join(d, name), "r:xz") as tar:
                for m in tar:
                    if taken >= count:
                        break
                    if not m.isfile() or (member_filter and member_filter not in m.name):
                        continue
                    data = tar.extractfile(m).read()
                    taken += 1
                    if concatenate:
                        batch.append(data)
                    else:
                        with open(os.path.join(target, os.path.basename(m.name)), "wb") as f:
                            f.write(data)
            if taken >= count:
                break
        if concatenate and batch:
            with open(os.path.join(target, "sample-%s" % type_name), "wb") as f:
                f.write(b"".join(batch))
    with open(stamp, "w") as f:
        f.write(source)
    return _listing(out)


def _listing(out):
    result = {}
    for type_name in SAMPLES:
        d = os.path.join(out, type_name)
        files = sorted(os.path.join(d, f) for f in os.listdir(d)) if os.path.isdir(d) else []
        if files:
            result[type_name] = files
    return result
