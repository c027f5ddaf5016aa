"""CollecTor's archive layout (formats.md 1.3): one .tar.xz per type and month, members named as
CollecTor names them, each tarball streamed through `xz` (CollecTor compresses with `xz -9e`).

    archive/relay-descriptors/consensuses/consensuses-YYYY-MM.tar.xz
        consensuses-YYYY-MM/DD/YYYY-MM-DD-HH-00-00-consensus
    archive/relay-descriptors/microdescs/microdescs-YYYY-MM.tar.xz
        microdescs-YYYY-MM/consensus-microdesc/DD/YYYY-MM-DD-HH-00-00-consensus-microdesc
        microdescs-YYYY-MM/micro/<h1>/<h2>/<sha256-hex>
    archive/relay-descriptors/server-descriptors/server-descriptors-YYYY-MM.tar.xz
        server-descriptors-YYYY-MM/<h1>/<h2>/<sha1-hex>
    archive/relay-descriptors/extra-infos/extra-infos-YYYY-MM.tar.xz
        extra-infos-YYYY-MM/<h1>/<h2>/<sha1-hex>
    archive/relay-descriptors/bandwidths/bandwidths-YYYY-MM.tar.xz
        bandwidths-YYYY-MM/DD/YYYY-MM-DD-HH-MM-SS-bandwidth-<SHA256-HEX>
    archive/exit-lists/exit-list-YYYY-MM.tar.xz
        exit-list-YYYY-MM/DD/YYYY-MM-DD-HH-MM-SS
"""
import io
import os
import subprocess
import tarfile
import time

from . import encode, render


# --resume: an archive already complete at its path (same preset and seed) is kept; its members
# are still rendered, to count them for MANIFEST.json, but nothing is compressed or written.
KEEP_EXISTING = False


class TarXz:
    """A tarball streamed into `xz -LEVEL` as it is written; directory entries are added before
    their first member, as `tar` does. Deterministic: fixed owner, mtimes from the documents."""

    def __init__(self, path, level, threads):
        self.path = path
        self.members = 0
        self.raw = 0
        self.kept = KEEP_EXISTING and os.path.isfile(path)
        if self.kept:
            return
        os.makedirs(os.path.dirname(path), exist_ok=True)
        self.out = open(path + ".part", "wb")
        self.xz = subprocess.Popen(["xz", "-" + level, "-T%d" % threads, "-c"], stdin=subprocess.PIPE,
                                   stdout=self.out)
        self.tar = tarfile.open(fileobj=self.xz.stdin, mode="w|", format=tarfile.GNU_FORMAT)
        self.dirs = set()

    def _info(self, name, mtime):
        info = tarfile.TarInfo(name)
        info.mtime = mtime
        info.uname = info.gname = "collector"
        info.uid = info.gid = 1000
        return info

    def add(self, name, data, mtime):
        if self.kept:
            self.members += 1
            self.raw += len(data)
            return
        parts = name.split("/")
        for i in range(1, len(parts)):
            d = "/".join(parts[:i]) + "/"
            if d not in self.dirs:
                self.dirs.add(d)
                info = self._info(d, mtime)
                info.type = tarfile.DIRTYPE
                info.mode = 0o755
                self.tar.addfile(info)
        info = self._info(name, mtime)
        info.size = len(data)
        info.mode = 0o644
        self.tar.addfile(info, io.BytesIO(data))
        self.members += 1
        self.raw += len(data)

    def close(self):
        if self.kept:
            return os.path.getsize(self.path)
        self.tar.close()
        self.xz.stdin.close()
        if self.xz.wait() != 0:
            raise RuntimeError("xz failed for " + self.path)
        self.out.close()
        os.replace(self.path + ".part", self.path)
        return os.path.getsize(self.path)


def _month(epoch):
    return time.strftime("%Y-%m", time.gmtime(epoch))


def _day(epoch):
    return time.strftime("%d", time.gmtime(epoch))


def _finish(tar, kind, counts, started):
    size = tar.close()
    return {"archive": kind, "path": tar.path, "members": tar.members, "uncompressed_bytes": tar.raw,
            "compressed_bytes": size, "counts": counts, "seconds": round(time.time() - started, 1),
            "kept": tar.kept}


# Each task writes one archive and returns its statistics; `net` is the shared Network.

def consensuses(net, out, level, threads):
    started = time.time()
    month = _month(net.start)
    tar = TarXz(os.path.join(out, "archive/relay-descriptors/consensuses/consensuses-%s.tar.xz" % month),
                level, threads)
    renderer = render.ConsensusRenderer(net)
    entries_total = 0
    for h, va, entries in net.hourly():
        name = "consensuses-%s/%s/%s-consensus" % (month, _day(va), encode.fmt_name(va))
        tar.add(name, renderer.render(h, va, entries), va + 300)
        entries_total += len(entries)
    return _finish(tar, "consensuses", {"network-status-consensus-3": net.hours,
                                        "network-status-consensus-3 entries": entries_total}, started)


def microdescs(net, out, level, threads):
    started = time.time()
    month = _month(net.start)
    tar = TarXz(os.path.join(out, "archive/relay-descriptors/microdescs/microdescs-%s.tar.xz" % month),
                level, threads)
    renderer = render.MicrodescConsensusRenderer(net)
    referenced = {}
    entries_total = 0
    for h, va, entries in net.hourly():
        name = "microdescs-%s/consensus-microdesc/%s/%s-consensus-microdesc" % (month, _day(va), encode.fmt_name(va))
        tar.add(name, renderer.render(h, va, entries), va + 300)
        entries_total += len(entries)
        for r, d, w, flags in entries:
            referenced.setdefault(d.micro_sha256, d)
    for digest in sorted(referenced):
        d = referenced[digest]
        name = "microdescs-%s/micro/%s/%s/%s" % (month, digest[0], digest[1], digest)
        tar.add(name, render.MICRO_TYPE.encode() + d.micro, d.published + 600)
    return _finish(tar, "microdescs", {"network-status-microdesc-consensus-3": net.hours,
                                       "network-status-microdesc-consensus-3 entries": entries_total,
                                       "microdescriptor": len(referenced)}, started)


def descriptors(net, out, level, threads, kind, month):
    """kind: 'server-descriptors' or 'extra-infos', one tarball per published month."""
    started = time.time()
    tar = TarXz(os.path.join(out, "archive/relay-descriptors/%s/%s-%s.tar.xz" % (kind, kind, month)),
                level, threads)
    ds = net.descriptors_by_month()[month]
    if kind == "server-descriptors":
        items = sorted((d.sha1, render.SERVER_TYPE.encode() + d.server, d.published) for d in ds)
        type_name = "server-descriptor"
    else:
        items = sorted((d.extra_sha1, render.EXTRA_TYPE.encode() + d.extra, d.published) for d in ds)
        type_name = "extra-info"
    for digest, data, published in items:
        tar.add("%s-%s/%s/%s/%s" % (kind, month, digest[0], digest[1], digest), data, published + 900)
    return _finish(tar, "%s-%s" % (kind, month), {type_name: len(items)}, started)


def bandwidths(net, out, level, threads):
    started = time.time()
    month = _month(net.start)
    tar = TarXz(os.path.join(out, "archive/relay-descriptors/bandwidths/bandwidths-%s.tar.xz" % month),
                level, threads)
    renderer = render.BandwidthFileRenderer(net)
    lines = 0
    for h, va, entries in net.hourly():
        created, digest, data, n = renderer.render(h, va, entries)
        tar.add("bandwidths-%s/%s/%s-bandwidth-%s" % (month, _day(created), encode.fmt_name(created), digest),
                data, created + 60)
        lines += n
    return _finish(tar, "bandwidths", {"bandwidth-file": net.hours, "bandwidth-file relay lines": lines}, started)


def exit_lists(net, out, level, threads):
    started = time.time()
    month = _month(net.start)
    tar = TarXz(os.path.join(out, "archive/exit-lists/exit-list-%s.tar.xz" % month), level, threads)
    renderer = render.ExitListRenderer(net)
    exits = 0
    for h, va, entries in net.hourly():
        downloaded, data, n = renderer.render(h, va, entries)
        tar.add("exit-list-%s/%s/%s" % (month, _day(downloaded), encode.fmt_name(downloaded)), data, downloaded)
        exits += n
    return _finish(tar, "exit-lists", {"tordnsel": net.hours, "tordnsel entries": exits}, started)


def tasks(net):
    """(name, function, args, relative cost) for every archive of the corpus, costliest first so
    that a small worker pool finishes early."""
    months = sorted(net.descriptors_by_month())
    raw_hours = net.hours
    out = [("bandwidths", bandwidths, (), 4.5 * raw_hours),
           ("consensuses", consensuses, (), 2.5 * raw_hours),
           ("microdescs", microdescs, (), 2.3 * raw_hours),
           ("exit-lists", exit_lists, (), 0.2 * raw_hours)]
    for m in months:
        n = len(net.descriptors_by_month()[m])
        out.append(("server-descriptors-" + m, descriptors, ("server-descriptors", m), 0.0025 * n))
        out.append(("extra-infos-" + m, descriptors, ("extra-infos", m), 0.002 * n))
    out.sort(key=lambda t: -t[3])
    return out
