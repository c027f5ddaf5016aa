"""The benchmark case table. A case kind is one line: a name, the inputs it runs on, the command
(built from the context `c` and one input `i`), and the kind whose run on the same input is its
floor. scripts/bench runs every (kind, input) pair `--runs` times, interleaved, and reports the
median wall time, the ratio to the floor's median, throughput and peak memory.

Inputs:
  archives  one per .tar.xz of the corpus (i.path, i.name, i.bytes = uncompressed document bytes,
            i.counts = documents and rows per type from MANIFEST.json)
  samples   one per descriptor type: plain files cut from the corpus (i.type, i.files, i.bytes)

Floors, as the issue defines them: xz decompression alone for archives (XZ for Java, the library
the reader uses; the xz command is shown beside it), the single-thread parser for Spark reads, a
read-only count() for jobs. For the Stem comparison the "floor" is torspark on the same files, so
the ratio reads "Stem takes N times as long".
"""


class Kind:
    def __init__(self, name, inputs, command, floor=None, discard_stdout=False, note=""):
        self.name = name
        self.inputs = inputs
        self.command = command
        self.floor = floor
        self.discard_stdout = discard_stdout
        self.note = note


KINDS = [
    Kind("xz-cmd", "archives", lambda c, i: ["xz", "-dc", i.path], discard_stdout=True,
         note="`xz -dc` (liblzma, C)"),
    Kind("xz-java", "archives", lambda c, i: c.java_bench("org.torspark.bench.XzDecompress", i.path),
         note="XZ for Java, decompress only"),
    Kind("parse-1t", "archives",
         lambda c, i: c.torspark("parse", "--format", "summary", "--no-read-ahead", "--parse-threads", "1", i.path),
         floor="xz-java",
         note="`torspark parse --format summary --no-read-ahead --parse-threads 1`: decompression and parsing on"
         " one thread"),
    Kind("parse", "archives", lambda c, i: c.torspark("parse", "--format", "summary", "--parse-threads", "1", i.path),
         floor="xz-java",
         note="`torspark parse --format summary --parse-threads 1`: decompression on a read-ahead thread, parsing"
         " on the main thread"),
    Kind("parse-pool", "archives", lambda c, i: c.torspark("parse", "--format", "summary", i.path), floor="xz-java",
         note="`torspark parse --format summary`: decompression on a read-ahead thread, parsing on a pool of one"
         " thread per core (the default)"),
    Kind("parse-plain", "samples", lambda c, i: c.torspark("parse", "--format", "summary", "--type", i.type, *i.files),
         note="torspark on the Stem sample"),
    Kind("stem", "samples", lambda c, i: [c.stem_python, c.stem_script, i.type] + i.files, floor="parse-plain",
         note="Stem 1.8 (python3-stem), every field"),
    # The Spark data source is measured in one JVM by scripts/bench-source (tordesc count() and
    # Parquet in local[2] against the single-thread parser), the analytics jobs by scripts/bench-jobs
    # (each job against a read-only count() of its inputs); docs/benchmarks.md has both.
]
