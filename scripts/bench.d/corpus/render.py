"""Document text for every type, in the keyword order and shape of the real fixtures, with the
digests that tie them together computed from the bytes written:

  consensus r-line digest       = SHA-1 of the server descriptor from "router " through
                                  "\\nrouter-signature\\n", base64 without padding
  server extra-info-digest      = SHA-1 (hex) of the extra-info over the same range, and SHA-256
                                  (base64, no padding) of the whole extra-info
  microdesc consensus m line    = SHA-256 of the microdescriptor, base64 without padding
  archive member names          = the same digests in lower-case hex (formats.md 1.3, 2.11)
"""
import hashlib

from . import encode
from .network import DAY, HOUR, rng_for

SERVER_TYPE = "@type server-descriptor 1.0\n"
EXTRA_TYPE = "@type extra-info 1.0\n"
MICRO_TYPE = "@type microdescriptor 1.0\n"
CONSENSUS_TYPE = "@type network-status-consensus-3 1.0\n"
MD_CONSENSUS_TYPE = "@type network-status-microdesc-consensus-3 1.0\n"
BANDWIDTH_TYPE = "@type bandwidth-file 1.0\n"
EXIT_LIST_TYPE = "@type tordnsel 1.0\n"

# Per-value noise for history lines: 512 factors in [0.8, 1.2], rotated per line.
JITTER = [0.8 + 0.4 * ((i * 2654435761) % 1000) / 1000 for i in range(512)] * 2


def _signed_range(text, first_keyword):
    start = text.index(first_keyword)
    end = text.index("\nrouter-signature\n") + len("\nrouter-signature\n")
    return text[start:end].encode("latin-1")


# -- descriptors ---------------------------------------------------------------------------------

def render_descriptors(net):
    """Fills in server, extra-info and microdescriptor text and digests of every descriptor."""
    for r in net.relays:
        rng = rng_for(net.seed, "render", r.idx)
        for d in r.descriptors:
            _render_extra_info(net, rng, d)
            _render_server(net, rng, d)
            _render_micro(d)


def _render_extra_info(net, rng, d):
    r = d.relay
    ops, template_has_cert = net.t.extra_info_templates[r.extra_template]
    scale = r.archetype.bandwidth / 5000.0
    has_cert = r.id_cert is not None
    out = []
    for op in ops:
        kind = op[0]
        if kind == "line":
            out.append(op[1])
        elif kind == "history":
            line = "%s %s %s" % (op[1], encode.fmt_time(d.published + op[2]), op[3])
            if op[4] is not None:
                f = scale * rng.uniform(0.7, 1.3)
                jitter = JITTER[rng.randrange(512):]
                line += " " + ",".join([str(int(v * f * j)) for v, j in zip(op[4], jitter)])
            out.append(line)
        elif kind == "time":
            out.append("%s %s%s" % (op[1], encode.fmt_time(d.published + op[2]), op[3]))
        elif kind == "extra-info":
            out.append("extra-info %s %s" % (r.nickname, r.fp))
            if has_cert and not template_has_cert:
                out.append("identity-ed25519\n" + encode.pem("ED25519 CERT", r.id_cert))
        elif kind == "identity-ed25519":
            if has_cert:
                out.append("identity-ed25519\n" + encode.pem("ED25519 CERT", r.id_cert))
        elif kind == "published":
            out.append("published " + encode.fmt_time(d.published))
        elif kind == "router-signature":
            if has_cert:
                out.append("router-sig-ed25519 " + encode.b64_nopad(encode.random_bytes(rng, 64)))
            out.append("router-signature\n" + encode.pem("SIGNATURE", encode.random_bytes(rng, 128)))
    text = "\n".join(out) + "\n"
    d.extra = text.encode("latin-1")
    d.extra_sha1 = encode.sha1_hex(_signed_range(text, "extra-info "))
    d.extra_sha256 = encode.b64_nopad(hashlib.sha256(d.extra).digest())


def _render_server(net, rng, d):
    r = d.relay
    t = r.template
    has_ed = r.id_cert is not None
    d.observed = int(r.archetype.bandwidth * 1000 * rng.uniform(0.8, 1.6))
    avg, burst = t.bandwidth[0], t.bandwidth[1]
    out = ["router %s %s %d 0 %d" % (r.nickname, r.address, r.or_port, r.dir_port)]
    if has_ed:
        out.append("identity-ed25519\n" + encode.pem("ED25519 CERT", r.id_cert))
        out.append("master-key-ed25519 " + encode.b64_nopad(r.master_key))
    if r.ipv6:
        out.append("or-address %s:%d" % (r.ipv6, r.or_port))
    out.append(t.platform)
    if t.proto_line:
        out.append(t.proto_line)
    out.append("published " + encode.fmt_time(d.published))
    out.append("fingerprint " + " ".join(r.fp[i:i + 4] for i in range(0, 40, 4)))
    out.append("uptime %d" % (d.published - d.window_start + 120))
    out.append("bandwidth %d %d %d" % (avg, burst, d.observed))
    if has_ed:
        out.append("extra-info-digest %s %s" % (d.extra_sha1.upper(), d.extra_sha256))
    else:
        out.append("extra-info-digest " + d.extra_sha1.upper())
    if t.caches_extra_info:
        out.append("caches-extra-info")
    out.append("onion-key\n" + encode.pem("RSA PUBLIC KEY", d.onion_der))
    out.append("signing-key\n" + encode.pem("RSA PUBLIC KEY", r.signing_der))
    if has_ed:
        out.append("onion-key-crosscert\n" + encode.pem("CROSSCERT", encode.random_bytes(rng, 128)))
        expires = d.published // HOUR + 24 * 7 * 4
        crosscert = encode.ed25519_cert(rng, 0x0a, expires, r.master_key)
        out.append("ntor-onion-key-crosscert %d\n%s" % (rng.randrange(2), encode.pem("ED25519 CERT", crosscert)))
    if r.family:
        out.append("family " + " ".join(r.family))
    if t.hidden_service_dir:
        out.append("hidden-service-dir")
    if r.contact:
        out.append("contact " + r.contact)
    out.append("ntor-onion-key " + encode.b64(d.ntor_key))
    out.extend(r.policy)
    if r.ipv6_policy:
        out.append(r.ipv6_policy)
    if t.tunnelled_dir_server:
        out.append("tunnelled-dir-server")
    if has_ed:
        out.append("router-sig-ed25519 " + encode.b64_nopad(encode.random_bytes(rng, 64)))
    out.append("router-signature\n" + encode.pem("SIGNATURE", encode.random_bytes(rng, 128)))
    text = "\n".join(out) + "\n"
    d.server = text.encode("latin-1")
    sha1 = hashlib.sha1(_signed_range(text, "router ")).digest()
    d.sha1 = sha1.hex()
    d.digest_b64 = encode.b64_nopad(sha1)


def _render_micro(d):
    r = d.relay
    out = ["onion-key\n" + encode.pem("RSA PUBLIC KEY", d.onion_der),
           "ntor-onion-key " + encode.b64(d.ntor_key)]
    if r.family:
        out.append("family " + " ".join(r.family))
    out.append("p " + r.summary)
    if r.ipv6_policy:
        out.append("p6 " + r.ipv6_policy[len("ipv6-policy "):])
    if r.master_key is not None:
        out.append("id ed25519 " + encode.b64_nopad(r.master_key))
    d.micro = ("\n".join(out) + "\n").encode("latin-1")
    digest = hashlib.sha256(d.micro).digest()
    d.micro_sha256 = digest.hex()
    d.micro_b64 = encode.b64_nopad(digest)


# -- hourly documents ----------------------------------------------------------------------------

class _StatusRenderer:
    """Shared by both consensus flavours: header and footer from the real template with this
    hour's times, vote digests, shared-random values and signatures."""

    def __init__(self, net, header, footer, annotation, purpose):
        self.net = net
        self.header = header
        self.footer = footer
        self.annotation = annotation
        self.purpose = purpose
        self.cache = {}

    def _header(self, h, va):
        day = (va - self.net.start) // DAY
        out = []
        for i, line in enumerate(self.header):
            key = line.split(" ", 1)[0]
            if key == "valid-after":
                line = "valid-after " + encode.fmt_time(va)
            elif key == "fresh-until":
                line = "fresh-until " + encode.fmt_time(va + HOUR)
            elif key == "valid-until":
                line = "valid-until " + encode.fmt_time(va + 3 * HOUR)
            elif key in ("shared-rand-previous-value", "shared-rand-current-value"):
                d = day - 1 if key == "shared-rand-previous-value" else day
                value = hashlib.sha256(("%s:srv:%d" % (self.net.seed, d)).encode()).digest()
                line = "%s 9 %s" % (key, encode.b64(value))
            elif key == "vote-digest":
                line = "vote-digest " + hashlib.sha1(("%s:%s:%d:%d" % (self.net.seed, self.purpose, h, i))
                                                     .encode()).hexdigest().upper()
            out.append(line)
        return "\n".join(out) + "\n"

    def _footer(self, h):
        rng = rng_for(self.net.seed, self.purpose, "sig", h)
        out = []
        in_object = []
        for line in self.footer:
            if line.startswith("-----BEGIN"):
                in_object = [line]
            elif line.startswith("-----END"):
                size = len(encode.b64_decode_nopad("".join(in_object[1:]).rstrip("=")))
                out.append(encode.pem("SIGNATURE", encode.random_bytes(rng, size)))
                in_object = []
            elif in_object:
                in_object.append(line)
            else:
                out.append(line)
        return "\n".join(out) + "\n"

    def render(self, h, va, entries):
        parts = [self.annotation, self._header(h, va)]
        cache = self.cache
        for r, d, w, flags in entries:
            key = (d, w, len(flags))
            cached = cache.get(r.idx)
            if cached is None or cached[0] != key:
                cached = (key, self.entry(r, d, w, flags))
                cache[r.idx] = cached
            parts.append(cached[1])
        parts.append(self._footer(h))
        return "".join(parts).encode("latin-1")


class ConsensusRenderer(_StatusRenderer):
    def __init__(self, net):
        super().__init__(net, net.t.consensus_header, net.t.consensus_footer, CONSENSUS_TYPE, "ns")

    @staticmethod
    def entry(r, d, w, flags):
        a = r.archetype
        out = ["r %s %s %s %s %s %d %d\n" % (r.nickname, r.id_b64, d.digest_b64, encode.fmt_time(d.published),
                                            r.address, r.or_port, r.dir_port)]
        if r.ipv6:
            out.append("a %s:%d\n" % (r.ipv6, r.or_port))
        out.append("s %s\n" % " ".join(flags))
        if a.version:
            out.append("v %s\n" % a.version)
        if a.proto:
            out.append("pr %s\n" % a.proto)
        out.append("w Bandwidth=%d%s\n" % (w, " Unmeasured=1" if a.unmeasured else ""))
        out.append("p %s\n" % r.summary)
        return "".join(out)


class MicrodescConsensusRenderer(_StatusRenderer):
    def __init__(self, net):
        super().__init__(net, net.t.md_consensus_header, net.t.md_consensus_footer, MD_CONSENSUS_TYPE, "md")

    @staticmethod
    def entry(r, d, w, flags):
        a = r.archetype
        out = ["r %s %s %s %s %d %d\n" % (r.nickname, r.id_b64, encode.fmt_time(d.published),
                                         r.address, r.or_port, r.dir_port)]
        if r.ipv6:
            out.append("a %s:%d\n" % (r.ipv6, r.or_port))
        out.append("m %s\n" % d.micro_b64)
        out.append("s %s\n" % " ".join(flags))
        if a.version:
            out.append("v %s\n" % a.version)
        if a.proto:
            out.append("pr %s\n" % a.proto)
        out.append("w Bandwidth=%d%s\n" % (w, " Unmeasured=1" if a.unmeasured else ""))
        return "".join(out)


class BandwidthFileRenderer:
    """Hourly sbws 1.4.0 files (header keys from the real file): every relay seen in a consensus
    in the last five days has a line; about one in 24 is re-measured each hour."""
    FRESH_HOURS = 120

    def __init__(self, net):
        self.net = net
        self.last_listed = {}
        self.lines = {}
        self.seen_count = {}
        self.generator_started = net.start - 9 * DAY + 4242

    def render(self, h, va, entries):
        rng = rng_for(self.net.seed, "bw", h)
        created = va + 35 * 60 + 4
        for e in entries:
            i = e[0].idx
            self.last_listed[i] = (h, e)
            # relay_in_recent_consensus_count: consensuses of the last five days listing it
            self.seen_count[i] = min(self.FRESH_HOURS, self.seen_count.get(i, 0) + 1)
        if h % 24 == 0:
            for i in [i for i, (hl, _) in self.last_listed.items() if hl < h - self.FRESH_HOURS]:
                del self.last_listed[i]
                self.lines.pop(i, None)
                self.seen_count.pop(i, None)
        remeasure = set(rng.sample(sorted(self.last_listed), len(self.last_listed) // 24))
        for i, (hl, (r, d, w, flags)) in self.last_listed.items():
            if i in remeasure or i not in self.lines:
                self.lines[i] = self._line(rng, r, d, w, created - rng.randrange(60, 3 * HOUR))
        lines = sorted(self.lines.items(), key=lambda kv: (kv[1][0], kv[1][1]))
        latest = max(l[2] for _, l in lines)
        eligible = sum(l[3] for _, l in lines)
        header = dict(self.net.t.bandwidth_header)
        counts = len(lines)
        header.update({
            "earliest_bandwidth": encode.fmt_iso(created - 5 * DAY),
            "file_created": encode.fmt_iso(created),
            "generator_started": encode.fmt_iso(self.generator_started),
            "latest_bandwidth": encode.fmt_iso(latest),
            "number_consensus_relays": str(len(entries)),
            "number_eligible_relays": str(eligible),
            "minimum_number_eligible_relays": str(len(entries) * 60 // 100),
            "percent_eligible_relays": str(eligible * 100 // max(1, len(entries))),
            "recent_consensus_count": str(min(h + 1, self.FRESH_HOURS)),
            "recent_measurement_attempt_count": str(counts * 13 + rng.randrange(1000)),
            "recent_measurement_failure_count": str(counts * 9 + rng.randrange(1000)),
            "recent_priority_list_count": str(120 + h % 100),
            "recent_priority_relay_count": str(counts * 13 + rng.randrange(1000)),
            "time_to_report_half_network": str(223000 + rng.randrange(1000)),
        })
        body = ["%d\n" % latest]
        body.extend("%s=%s\n" % (k, header[k]) for k in self.net.t.bandwidth_header_keys)
        body.append("=====\n")
        seen = self.seen_count
        body.extend("%s%d%s" % (l[4], seen.get(i, 1), l[5]) for i, l in lines)
        data = "".join(body).encode("latin-1")
        digest = hashlib.sha256(data).hexdigest().upper()
        return created, digest, (BANDWIDTH_TYPE.encode() + data), len(lines)

    @staticmethod
    def _line(rng, r, d, w, measured):
        """(bw, node_id, measured time, eligible, text before and after the consensus count)."""
        node = "$" + r.fp
        key = "master_key_ed25519=%s " % encode.b64_nopad(r.master_key) if r.master_key is not None else ""
        errors = "error_circ=%d error_destination=0 error_misc=0 error_second_relay=0 error_stream=%d " % (
            rng.choice((0, 0, 0, 1, 2)), rng.choice((0, 0, 0, 1)))
        seen = " relay_recent_measurement_attempt_count=%d " % rng.randrange(1, 4)
        if rng.random() < 0.04:
            return (1, node, measured, 0,
                    "bw=1 %s%snick=%s node_id=%s relay_in_recent_consensus_count=" % (errors, key, r.nickname, node),
                    "%srelay_recent_measurements_excluded_near_count=2 relay_recent_priority_list_count=1 "
                    "success=%d time=%s unmeasured=1 vote=0\n" % (seen, rng.randrange(0, 3), encode.fmt_iso(measured)))
        bw = max(1, encode.round_sig(int(w * rng.uniform(0.7, 1.3)), 2))
        mean = int(w * 1000 * rng.uniform(0.3, 0.9))
        avg, burst = r.template.bandwidth[0], r.template.bandwidth[1]
        before = ("bw=%d bw_mean=%d bw_median=%d consensus_bandwidth=%d consensus_bandwidth_is_unmeasured=%s "
                  "desc_bw_avg=%d desc_bw_bur=%d desc_bw_obs_last=%d desc_bw_obs_mean=%d %s%snick=%s node_id=%s "
                  "relay_in_recent_consensus_count="
                  % (bw, mean, int(mean * rng.uniform(0.8, 1.2)), w * 1000, r.archetype.unmeasured,
                     avg, burst, d.observed, int(d.observed * rng.uniform(0.9, 1.1)), errors, key, r.nickname, node))
        after = "%srelay_recent_priority_list_count=%d success=%d time=%s\n" % (
            seen, rng.randrange(1, 4), rng.randrange(1, 6), encode.fmt_iso(measured))
        return bw, node, measured, 1, before, after


class ExitListRenderer:
    """Hourly TorDNSEL exit lists: every relay with the Exit flag in a consensus of the last 24
    hours, with its descriptor time, last status time and tested exit address."""

    def __init__(self, net):
        self.net = net
        self.seen = {}
        self.exit_address = {}

    def render(self, h, va, entries):
        downloaded = va + 120
        for r, d, w, flags in entries:
            if "Exit" in flags:
                self.seen[r.fp] = (h, r, d)
        out = [EXIT_LIST_TYPE, "Downloaded %s\n" % encode.fmt_time(downloaded)]
        count = 0
        for fp in sorted(self.seen):
            hl, r, d = self.seen[fp]
            if hl < h - 23:
                del self.seen[fp]
                continue
            last = self.net.start + hl * HOUR
            address = self.exit_address.get(fp)
            if address is None:
                rng = rng_for(self.net.seed, "exit", fp)
                address = r.address
                if rng.random() < 0.08:
                    address = "%d.%d.%d.%d" % (rng.randrange(1, 224), rng.randrange(256), rng.randrange(256),
                                               rng.randrange(1, 255))
                self.exit_address[fp] = address
            tested = last - HOUR + 300 + (r.idx * 7919 + hl * 104729) % 3000
            out.append("ExitNode %s\nPublished %s\nLastStatus %s\nExitAddress %s %s\n" % (
                fp, encode.fmt_time(d.published), encode.fmt_time(last + 120 + r.idx % 60), address,
                encode.fmt_time(tested)))
            count += 1
        return downloaded, "".join(out).encode("latin-1"), count
