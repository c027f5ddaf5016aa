"""The real fixtures the synthetic corpus is modelled on (parsers/src/test/resources/testdata, see
PROVENANCE.md there). Everything that is not identity or time comes from them: consensus headers,
footers and the flag/version/protocol/bandwidth/policy-summary mix of a real 2020 consensus;
platform, protocol and keyword layout of real 2020 server descriptors and the exit policies that
go with their policy summaries; the keyword mix of real extra-info descriptors; bandwidth-file
headers; relay nicknames."""
import io
import os
import re
import tarfile

from . import encode

TIME_RE = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d")

CONSENSUS = "consensus/2020-02-29-10-00-00-consensus"
CONSENSUS_NEXT_HOUR = "consensus/2020-02-29-11-00-00-consensus"
MD_CONSENSUS = "consensus-microdesc/2019-12-15-13-00-00-cached-microdesc-consensus"
SERVER_DESCRIPTORS = "server-descriptor/2020-02-29-10-05-00-server-descriptors"
EXTRA_INFOS = ["extra-info/2017-07-17-17-20-00-extra-infos",
               "extra-info/relay-2016-10-02-08-05-00-extra-infos",
               "extra-info/single/extrainfo_descriptor_with_ed25519",
               "extra-info/single/extrainfo_relay_descriptor"]
EXTRA_INFO_TARBALL = "collector-tarball/extra-infos-2019-04-cropped.tar"
BANDWIDTH_FILE = "bandwidth-file/sbws-v1.4.0-2019-04-21"
NICKNAME_SOURCES = ["consensus/2014-12-08-16-00-00-consensus", "consensus/2016-09-20-13-00-00-consensus",
                    "consensus/2017-04-15-00-00-00-consensus", CONSENSUS,
                    "consensus-microdesc/2022-11-19-10-00-00-cached-microdesc-consensus"]


class Archetype:
    """One real consensus entry: what a synthetic relay inherits besides its identity."""
    __slots__ = ("flags", "version", "proto", "bandwidth", "unmeasured", "policy_summary",
                 "has_ipv6", "or_port", "dir_port")


class ServerTemplate:
    """The shape of one real server descriptor."""
    __slots__ = ("platform", "proto_line", "version", "has_ed25519", "caches_extra_info",
                 "hidden_service_dir", "tunnelled_dir_server", "bandwidth")


class Templates:
    def __init__(self, testdata):
        self.testdata = testdata
        self._load_consensus()
        self._load_md_consensus()
        self._load_server_descriptors()
        self._load_extra_infos()
        self._load_bandwidth_header()
        self._load_nicknames()

    def read(self, path):
        with open(os.path.join(self.testdata, path), "rb") as f:
            return f.read().decode("latin-1")

    # -- consensuses -------------------------------------------------------------------------

    @staticmethod
    def _split_status(text):
        """(header lines without @type, entry blocks as lists of lines, footer lines)."""
        lines = text.rstrip("\n").split("\n")
        if lines[0].startswith("@"):
            lines = lines[1:]
        first = next(i for i, l in enumerate(lines) if l.startswith("r "))
        foot = next(i for i, l in enumerate(lines) if l.startswith("directory-footer"))
        entries, current = [], None
        for line in lines[first:foot]:
            if line.startswith("r "):
                current = [line]
                entries.append(current)
            else:
                current.append(line)
        return lines[:first], entries, lines[foot:]

    def _load_consensus(self):
        header, entries, footer = self._split_status(self.read(CONSENSUS))
        self.consensus_header, self.consensus_footer = header, footer
        self.archetypes = []
        self._summary_by_fp = {}
        for block in entries:
            a = Archetype()
            r = block[0].split(" ")
            a.or_port, a.dir_port = int(r[7]), int(r[8])
            a.has_ipv6 = False
            a.version = a.proto = a.policy_summary = None
            a.bandwidth, a.unmeasured, a.flags = 20, False, []
            for line in block[1:]:
                key, _, rest = line.partition(" ")
                if key == "a":
                    a.has_ipv6 = a.has_ipv6 or rest.startswith("[")
                elif key == "s":
                    a.flags = rest.split(" ")
                elif key == "v":
                    a.version = rest
                elif key == "pr":
                    a.proto = rest
                elif key == "w":
                    for kv in rest.split(" "):
                        k, _, v = kv.partition("=")
                        if k == "Bandwidth":
                            a.bandwidth = int(v)
                        elif k == "Unmeasured":
                            a.unmeasured = v == "1"
                elif key == "p":
                    a.policy_summary = rest
            self.archetypes.append(a)
            fp = encode.b64_decode_nopad(r[2]).hex().upper()
            self._summary_by_fp[fp] = a.policy_summary
        _, entries_next, _ = self._split_status(self.read(CONSENSUS_NEXT_HOUR))
        for block in entries_next:
            fp = encode.b64_decode_nopad(block[0].split(" ")[2]).hex().upper()
            for line in block[1:]:
                if line.startswith("p "):
                    self._summary_by_fp.setdefault(fp, line[2:])

    def _load_md_consensus(self):
        header, _, footer = self._split_status(self.read(MD_CONSENSUS))
        self.md_consensus_header, self.md_consensus_footer = header, footer

    # -- server descriptors ------------------------------------------------------------------

    def _load_server_descriptors(self):
        text = self.read(SERVER_DESCRIPTORS)
        self.server_templates = []
        self.by_version = {}
        # policy summary -> (policy lines with the template's own address as "{ADDR}", ipv6-policy)
        self.policies = {}
        for doc in text.split("@type server-descriptor 1.0\n")[1:]:
            t = ServerTemplate()
            t.platform = t.proto_line = t.version = None
            t.has_ed25519 = t.caches_extra_info = t.hidden_service_dir = t.tunnelled_dir_server = False
            policy, ipv6_policy, address, fp = [], None, None, None
            for line in doc.split("\n"):
                key, _, rest = line.partition(" ")
                if key == "router":
                    address = rest.split(" ")[1]
                elif key == "platform":
                    t.platform = line
                    t.version = "Tor " + rest.split(" ")[1]
                elif key in ("proto", "protocols"):
                    t.proto_line = line
                elif key == "identity-ed25519":
                    t.has_ed25519 = True
                elif key == "caches-extra-info":
                    t.caches_extra_info = True
                elif key == "hidden-service-dir":
                    t.hidden_service_dir = True
                elif key == "tunnelled-dir-server":
                    t.tunnelled_dir_server = True
                elif key == "bandwidth":
                    t.bandwidth = tuple(int(x) for x in rest.split(" "))
                elif key in ("accept", "reject"):
                    policy.append(line)
                elif key == "ipv6-policy":
                    ipv6_policy = line
                elif key == "fingerprint":
                    fp = rest.replace(" ", "")
            self.server_templates.append(t)
            self.by_version.setdefault(t.version, []).append(t)
            summary = self._summary_by_fp.get(fp)
            if summary is not None and summary not in self.policies:
                generic = [l.replace(" %s:" % address, " {ADDR}:") for l in policy]
                self.policies[summary] = (generic, ipv6_policy)

    # -- extra-info descriptors ----------------------------------------------------------------

    def _load_extra_infos(self):
        docs = []
        for path in EXTRA_INFOS:
            docs.extend(self._split_annotated(self.read(path)))
        with tarfile.open(os.path.join(self.testdata, EXTRA_INFO_TARBALL)) as tar:
            for m in sorted(tar.getmembers(), key=lambda m: m.name):
                if m.isfile():
                    docs.extend(self._split_annotated(tar.extractfile(m).read().decode("latin-1")))
        self.extra_info_templates = [self._extra_info_ops(doc) for doc in docs]

    HISTORY_KEYS = ("read-history", "write-history", "dirreq-read-history", "dirreq-write-history",
                    "ipv6-read-history", "ipv6-write-history")

    def _extra_info_ops(self, doc):
        """An extra-info template as a list of operations for render: identity, times and
        signatures are replaced, history values rescaled, timestamps shifted, the rest copied."""
        lines = doc.rstrip("\n").split("\n")
        published = next(encode.parse_time(l[10:29]) for l in lines if l.startswith("published "))
        ops = []
        has_cert = False
        skip_object = False
        for line in lines:
            if skip_object:
                skip_object = not line.startswith("-----END")
                continue
            key, _, rest = line.partition(" ")
            if key in ("extra-info", "published", "router-sig-ed25519"):
                ops.append((key,))
            elif key in ("identity-ed25519", "router-signature"):
                ops.append((key,))
                skip_object = True
                has_cert = has_cert or key == "identity-ed25519"
            elif key in self.HISTORY_KEYS:
                # "KEY YYYY-MM-DD HH:MM:SS (NSEC s) v1,v2,..."
                parts = rest.split(" ")
                values = [int(v) for v in parts[4].split(",") if v] if len(parts) > 4 else None
                ops.append(("history", key, encode.parse_time(parts[0] + " " + parts[1]) - published,
                            parts[2] + " " + parts[3], values))
            elif len(rest) >= 19 and TIME_RE.match(rest):
                ops.append(("time", key, encode.parse_time(rest[:19]) - published, rest[19:]))
            else:
                ops.append(("line", line))
        return ops, has_cert

    @staticmethod
    def _split_annotated(text):
        pieces, current = [], []
        for line in io.StringIO(text):
            if line.startswith("@"):
                continue
            if line.startswith("extra-info ") and current:
                pieces.append("".join(current))
                current = []
            current.append(line)
        if current:
            pieces.append("".join(current))
        return pieces

    # -- bandwidth files and names -------------------------------------------------------------

    def _load_bandwidth_header(self):
        lines = self.read(BANDWIDTH_FILE).split("\n")
        end = lines.index("=====")
        self.bandwidth_header_keys = [l.split("=", 1)[0] for l in lines[1:end]]
        self.bandwidth_header = dict(l.split("=", 1) for l in lines[1:end])

    def _load_nicknames(self):
        names = set()
        for path in NICKNAME_SOURCES:
            for line in self.read(path).split("\n"):
                if line.startswith("r "):
                    names.add(line.split(" ")[1])
        names.discard("Unnamed")
        self.nicknames = sorted(names)
