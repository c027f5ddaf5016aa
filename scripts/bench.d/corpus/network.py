"""The synthetic relay population and its month: who exists, when each relay is up, when it
publishes descriptors, and (per hour) which relays the consensus lists with which weight and flags.

Everything is drawn from random.Random instances seeded by (seed, purpose), so the same seed gives
the same network in every process that rebuilds it."""
import random
import time

from . import encode

HOUR = 3600
DAY = 24 * HOUR
PRIVATE_REJECTS = ["reject 0.0.0.0/8:*", "reject 169.254.0.0/16:*", "reject 127.0.0.0/8:*",
                   "reject 192.168.0.0/16:*", "reject 10.0.0.0/8:*", "reject 172.16.0.0/12:*"]
FAMILY_SIZES = [2, 2, 2, 3, 3, 4, 5, 6, 8, 10, 12, 16, 20]
RESTART_LOSES = ("Guard", "HSDir", "Stable")  # flags a relay only earns after some uptime


class Relay:
    __slots__ = ("idx", "fp", "id_b64", "nickname", "address", "or_port", "dir_port", "ipv6",
                 "archetype", "template", "extra_template", "signing_der", "master_key", "id_cert",
                 "family", "contact", "policy", "ipv6_policy", "summary", "windows", "descriptors",
                 "segments", "flags")


class Descriptor:
    """One server descriptor with its extra-info and microdescriptor (filled in by render)."""
    __slots__ = ("relay", "published", "window_start", "onion_der", "ntor_key", "micro_key",
                 "server", "sha1", "digest_b64", "extra", "extra_sha1", "extra_sha256", "micro", "micro_sha256",
                 "micro_b64", "observed")


def rng_for(seed, *purpose):
    return random.Random("torspark-corpus:%s:%s" % (seed, ":".join(str(p) for p in purpose)))


def random_ipv4(rng):
    while True:
        a = rng.randrange(1, 224)
        b = rng.randrange(256)
        if a in (10, 127, 100) or (a == 169 and b == 254) or (a == 172 and 16 <= b < 32) \
                or (a == 192 and b == 168):
            continue
        return [a, b, rng.randrange(256), rng.randrange(1, 255)]


def random_ipv6(rng):
    groups = ["2a%02x" % rng.randrange(1, 16), "%x" % rng.randrange(0x100, 0xffff),
              "%x" % rng.randrange(0x10, 0xffff)]
    return "[%s::%x]" % (":".join(groups), rng.randrange(1, 0xffff))


def policy_from_summary(summary, address):
    """Exit policy lines whose tor summary is `summary` (dir-spec 3.8.2 / formats.md 3.4): private
    and own-address rejects, then the summarised ports, then the default."""
    action, _, ports = summary.partition(" ")
    if summary == "reject 1-65535":
        return ["reject *:*"]
    lines = PRIVATE_REJECTS + ["reject %s:*" % address]
    for p in ports.split(","):
        lines.append("%s *:%s" % (action, p))
    lines.append("reject *:*" if action == "accept" else "accept *:*")
    return lines


class Network:
    def __init__(self, templates, preset, seed):
        self.t = templates
        self.p = preset
        self.seed = seed
        self.start = preset.month_start
        self.hours = preset.hours
        self.end = self.start + self.hours * HOUR
        self._by_month = None
        self._make_relays()
        self._make_families()
        self._make_windows()
        self._make_descriptors()
        self._make_segments()

    # -- population ------------------------------------------------------------------------------

    def _make_relays(self):
        rng = rng_for(self.seed, "relays")
        t = self.t
        relays = []
        for _ in range(self.p.relays):
            r = Relay()
            r.archetype = rng.choice(t.archetypes)
            candidates = t.by_version.get(r.archetype.version) or t.server_templates
            r.template = rng.choice(candidates)
            r.extra_template = rng.randrange(len(t.extra_info_templates))
            r.signing_der = encode.rsa1024_public_key_der(rng)
            r.fp = encode.sha1_hex(r.signing_der).upper()
            r.id_b64 = encode.b64_nopad(bytes.fromhex(r.fp))
            if r.template.has_ed25519:
                r.master_key = encode.ed25519_public_key(rng)
                signing = encode.ed25519_public_key(rng)
                expires = self.start // HOUR + 24 * 40 + rng.randrange(24 * 20)
                r.id_cert = encode.ed25519_cert(rng, 4, expires, signing, r.master_key)
            else:
                r.master_key = r.id_cert = None
            r.nickname = rng.choice(t.nicknames)
            r.address = random_ipv4(rng)
            r.or_port, r.dir_port = r.archetype.or_port, r.archetype.dir_port
            r.ipv6 = random_ipv6(rng) if r.archetype.has_ipv6 else None
            r.family = []
            r.contact = None
            if rng.random() < 0.45:
                r.contact = "%s <%s AT example dot org>" % (rng.choice(t.nicknames), r.nickname.lower())
            relays.append(r)
        # The consensus lists relays by identity; index order is fingerprint order.
        relays.sort(key=lambda r: r.fp)
        for i, r in enumerate(relays):
            r.idx = i
        self.relays = relays

    def _make_families(self):
        rng = rng_for(self.seed, "families")
        order = list(range(len(self.relays)))
        rng.shuffle(order)
        i = 0
        while i < len(order):
            if rng.random() < 0.08:
                size = min(rng.choice(FAMILY_SIZES), len(order) - i)
                members = [self.relays[j] for j in order[i:i + size]]
                i += size
                if size < 2:
                    continue
                base = members[0].nickname[:15]
                contact = "%s <abuse AT %s dot example dot net>" % (base, base.lower())
                prefix = members[0].address[:3]
                fps = sorted("$" + m.fp for m in members)
                for k, m in enumerate(members):
                    m.nickname = ("%s%d" % (base, k + 1))[-19:]
                    m.address = prefix + [(members[0].address[3] + k) % 254 + 1]
                    m.contact = contact
                    m.family = fps
            else:
                i += 1
        for r in self.relays:
            address = "%d.%d.%d.%d" % tuple(r.address)
            r.address = address
            summary = r.archetype.policy_summary or "reject 1-65535"
            known = self.t.policies.get(summary)
            if known is not None:
                # Rejects of other single addresses in the template (its operator's other
                # relays) would point at real hosts: they become this relay's own address.
                policy = []
                for line in known[0]:
                    rule = line.split(" ", 1)[1]
                    if line.startswith("reject ") and rule.endswith(":*") and rule.count(".") == 3 \
                            and "/" not in rule:
                        line = "reject %s:*" % address
                        if line in policy:
                            continue
                    policy.append(line.replace("{ADDR}", address))
                r.policy = policy
                r.ipv6_policy = known[1] if r.ipv6 else None
            else:
                r.policy = policy_from_summary(summary, address)
                r.ipv6_policy = None
            r.summary = summary
            # The dir-source authorities are not among the synthetic relays.
            r.flags = [f for f in r.archetype.flags if f != "Authority"]

    # -- time ------------------------------------------------------------------------------------

    def _make_windows(self):
        """Up-time windows [start, end) in epoch seconds. Most relays run all month (and were up
        before it began: their first descriptor is in the previous month's tarball); some join or
        leave during the month; many go down for a while."""
        rng = rng_for(self.seed, "windows")
        span = self.hours * HOUR
        for r in self.relays:
            if rng.random() < 0.8:
                start = self.start - rng.randrange(60, 18 * HOUR)
                end = self.end + DAY
            else:
                start = self.start + rng.randrange(0, span) - rng.randrange(60, 18 * HOUR)
                end = start + int(rng.expovariate(1.0 / (200 * HOUR))) + HOUR
            windows = [[start, end]]
            for _ in range(rng.choice((0, 0, 1, 1, 2, 3))):
                down = start + rng.randrange(max(1, end - start))
                length = rng.randrange(HOUR, 48 * HOUR)
                w = windows[-1]
                if w[0] + HOUR < down and down + length + HOUR < w[1]:
                    windows[-1:] = [[w[0], down], [down + length, w[1]]]
            r.windows = windows

    def _make_descriptors(self):
        """A descriptor at each (re)start, then one every `interval` hours, where the interval is
        set so that the month holds about preset.descriptors of them (months shorter than the
        interval, like the small preset's hours, get one at each start and a few more)."""
        rng = rng_for(self.seed, "descriptors")
        starts = sum(len(r.windows) for r in self.relays)
        uptime = sum(max(0, min(e, self.end) - max(s, self.start)) for r in self.relays for s, e in r.windows)
        extra = max(1, self.p.descriptors - starts)
        # Windows cut the last interval short: about half an interval is lost per window.
        interval = max(HOUR, int(uptime / (extra + 0.5 * starts)))
        for r in self.relays:
            r.descriptors = []
            onion, ntor = None, None
            for s, e in r.windows:
                t = s + rng.randrange(30, 600)
                stop = min(e, self.end)
                while t < stop:
                    d = Descriptor()
                    d.relay, d.published, d.window_start = r, t, s
                    if onion is None or rng.random() < 0.5:
                        onion = encode.rsa1024_public_key_der(rng)
                        ntor = encode.random_bytes(rng, 32)
                    d.onion_der, d.ntor_key = onion, ntor
                    # Before the month only the newest descriptor matters: the one the first
                    # consensus lists (and the previous month's tarball holds).
                    last = r.descriptors[-1] if r.descriptors else None
                    if last is not None and last.window_start == s and last.published < self.start and t <= self.start:
                        r.descriptors.pop()
                    r.descriptors.append(d)
                    t += rng.randrange(interval // 2, interval * 3 // 2 + 1)

    def _make_segments(self):
        """Per relay: [first hour, end hour, descriptor] runs during which the consensus lists it
        with that descriptor: up at valid-after, newest descriptor published before it."""
        for r in self.relays:
            segs = []
            ds = r.descriptors
            for k, d in enumerate(ds):
                nxt = ds[k + 1].published if k + 1 < len(ds) and ds[k + 1].window_start == d.window_start else None
                window_end = next(e for s, e in r.windows if s == d.window_start)
                until = min(window_end, self.end) if nxt is None else min(nxt, window_end, self.end)
                first = max(0, -(-(d.published - self.start) // HOUR))
                last = max(0, -(-(until - self.start) // HOUR))
                if first < last:
                    segs.append([first, min(last, self.hours), d])
            r.segments = segs

    def descriptors_by_month(self):
        """{'YYYY-MM': [Descriptor...]} by published month: CollecTor archives server descriptors
        and extra-infos by their own published month, so the month's first consensuses point into
        the previous month's tarball."""
        if self._by_month is None:
            out = {}
            for r in self.relays:
                for d in r.descriptors:
                    month = time.strftime("%Y-%m", time.gmtime(d.published))
                    out.setdefault(month, []).append(d)
            self._by_month = out
        return self._by_month

    # -- hours -----------------------------------------------------------------------------------

    def hourly(self):
        """Yields (hour, valid_after, entries) for each consensus hour; entries is a list, in
        fingerprint order, of (relay, descriptor, bandwidth, flags). Bandwidth weights drift: each
        hour about one relay in ten gets a new value. Guard, HSDir and Stable are withheld
        during a relay's first day after a (re)start. Incremental: only what changes is redone."""
        n = len(self.relays)
        starts = [[] for _ in range(self.hours + 1)]
        ends = [[] for _ in range(self.hours + 1)]
        for r in self.relays:
            for seg in r.segments:
                starts[seg[0]].append((r, seg))
                ends[seg[1]].append((r.idx, seg))
        refresh = [[] for _ in range(self.hours + 1)]
        weights = [r.archetype.bandwidth for r in self.relays]
        active = {}   # idx -> segment
        entry = {}    # idx -> (relay, descriptor, weight, flags)
        order = []    # sorted active idx

        def make(i, h):
            r = self.relays[i]
            seg = active[i]
            d = seg[2]
            flags = r.flags
            young_until = d.window_start + DAY
            va = self.start + h * HOUR
            if va < young_until:
                flags = [f for f in flags if f not in RESTART_LOSES]
                grown = -(-(young_until - self.start) // HOUR)
                if grown <= self.hours:
                    refresh[grown].append(i)
            entry[i] = (r, d, weights[i], flags)

        for h in range(self.hours):
            va = self.start + h * HOUR
            changed = False
            for r, seg in starts[h]:
                if r.idx not in active:
                    changed = True
                active[r.idx] = seg
                make(r.idx, h)
            for i, seg in ends[h]:
                if active.get(i) is seg:
                    del active[i]
                    del entry[i]
                    changed = True
            if changed:
                order = sorted(active)
            for i in refresh[h]:
                if i in active:
                    make(i, h)
            rng = rng_for(self.seed, "weights", h)
            for _ in range(max(1, n // 10)):
                i = rng.randrange(n)
                base = self.relays[i].archetype.bandwidth
                weights[i] = max(1, encode.round_sig(base * rng.lognormvariate(0, 0.25), 3 if base >= 1000 else 2))
                if i in active:
                    r, d, _, flags = entry[i]
                    entry[i] = (r, d, weights[i], flags)
            yield h, va, [entry[i] for i in order]
