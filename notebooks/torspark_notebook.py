"""One Spark SQL session for the torspark notebooks, with the same API in two runtimes.

    import torspark_notebook as tn
    spark = tn.session()                         # starts Spark once; later calls return it
    tn.view("relays", "work/out/relays")         # temp view over Parquet (or format="tordesc", ...)
    df = tn.sql("SELECT ... FROM relays")        # a pandas.DataFrame
    tn.run_job("exit-policy-trends", "--in", tn.sample(), "--out", "/tmp/x")   # a job, same session
    tn.plot(df, x="day", y="relays", path="work/notebooks/relays.png")
    tn.stop()

Runtimes, chosen by TORSPARK_NOTEBOOK_RUNTIME (auto | pyspark | jpype; default auto):
  pyspark  when `import pyspark` works (pip install 'pyspark==4.2.*'): PySpark starts its own
           Spark, with the torspark jar in spark.jars.
  jpype    otherwise: Spark runs inside this Python process through JPype (Debian python3-jpype),
           on the jars of jobs/target/spark-classpath.txt plus the torspark jar.
Both read conf/spark-defaults.conf, conf/jvm-flags and conf/log4j2.properties, and both turn query
results into pandas the same way (Spark's JSON rows, typed by the Spark schema), so a notebook gives
the same frames in either runtime. Extra settings: session(conf={...}) or TORSPARK_NOTEBOOK_CONF
("key=value;key=value"). Relative paths are taken from the repository root, not the notebook.
"""
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
MAX_ROWS = 100_000
_session = None


class SqlError(Exception):
    """A query failed in Spark; the message is Spark's."""


class JobError(Exception):
    """A torspark job refused its options or failed; the message is the job's."""


class Session:
    """The running Spark session. Use sql(), view(), plot(); `native` is the runtime's own
    SparkSession (pyspark.sql.SparkSession, or a JPype proxy of the Java one): avoid it in notebooks
    that should run in both runtimes."""

    def __init__(self, runtime, native, master):
        self.runtime = runtime
        self.native = native
        self.master = master

    @property
    def version(self):
        return str(self.native.version) if self.runtime == "pyspark" else str(self.native.version())

    def __repr__(self):
        return f"<torspark Spark {self.version} session, {self.runtime} runtime, master {self.master}>"

    def sql(self, query, max_rows=MAX_ROWS):
        """Runs one SQL statement; returns its result as a pandas.DataFrame (empty for DDL).
        Refuses results over max_rows rows: aggregate in SQL, or raise max_rows."""
        try:
            df = self.native.sql(query)
            if self.runtime == "pyspark":
                fields = [(f.name, f.dataType.simpleString()) for f in df.schema.fields]
                rows = df.limit(max_rows + 1).toJSON().collect()
            else:
                fields = [(str(f.name()), str(f.dataType().simpleString())) for f in df.schema().fields()]
                rows = df.limit(max_rows + 1).toJSON().collectAsList()
        except Exception as e:  # pyspark's or Java's exception: the same error in both runtimes
            raise SqlError(_spark_message(e)) from None
        if len(rows) > max_rows:
            raise SqlError(f"the query returned more than {max_rows} rows: aggregate in SQL, or pass max_rows=")
        return _to_pandas(fields, [json.loads(str(r)) for r in rows])

    def view(self, name, path, format="parquet", **options):
        """Registers temp view `name` over `path` (read with `format` and its options)."""
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise ValueError(f"view name {name!r}: use letters, digits and _")
        opts = {"path": _resolve(path), **{k: str(v) for k, v in options.items()}}
        listed = ", ".join(f"`{k}` {_literal(v)}" for k, v in opts.items())
        self.sql(f"CREATE OR REPLACE TEMPORARY VIEW `{name}` USING {format} OPTIONS ({listed})")

    def plot(self, data, x, y, kind="line", title=None, path=None, ax=None, **kwargs):
        """Plots a DataFrame or a query's result, sorted by x; returns the matplotlib Axes and saves
        a PNG when `path` is given. Timestamps stay UTC; the axis label says so."""
        df = self.sql(data) if isinstance(data, str) else data
        if x in df.columns:
            df = df.sort_values(x)
        ax = df.plot(x=x, y=y, kind=kind, title=title, ax=ax, **kwargs)
        if x in df.columns and isinstance(df[x].dtype, pd.DatetimeTZDtype):
            ax.set_xlabel(f"{x} (UTC)")
        if path is not None:
            out = Path(_resolve(path))
            out.parent.mkdir(parents=True, exist_ok=True)
            ax.figure.savefig(out, dpi=100, bbox_inches="tight")
        return ax

    def run_job(self, job, *args):
        """Runs a torspark job in this session, as `torspark run JOB ARGS...` would (docs/jobs.md);
        returns its summary lines. Bad options raise JobError with the command line's message."""
        if self.runtime == "pyspark":
            jvm, jspark = self.native._jvm, self.native._jsparkSession
            jobs, job_args = jvm.org.torspark.jobs.Jobs, jvm.org.torspark.jobs.JobArgs
            new_list = jvm.java.util.ArrayList
        else:
            import jpype
            jspark = self.native
            jobs, job_args = jpype.JClass("org.torspark.jobs.Jobs"), jpype.JClass("org.torspark.jobs.JobArgs")
            new_list = jpype.JClass("java.util.ArrayList")
        found = jobs.byName(job)
        if not found.isPresent():
            raise JobError(f"unknown job {job!r}; jobs: " + ", ".join(str(j.name()) for j in jobs.all()))
        java_args = new_list()
        for a in args:
            java_args.add(str(a))
        try:
            instance = found.get()
            lines = instance.run(jspark, job_args.parse(java_args, new_list(instance.options())))
        except Exception as e:
            raise JobError(f"torspark run {job}: {_spark_message(e)}") from None
        return [str(line) for line in lines]

    def stop(self):
        global _session
        self.native.stop()
        _session = None


def session(master=None, conf=None, runtime=None):
    """Starts the Spark session (once per Python process) or returns the running one."""
    global _session
    if _session is not None:
        return _session
    runtime = runtime or os.environ.get("TORSPARK_NOTEBOOK_RUNTIME", "auto")
    if runtime not in ("auto", "pyspark", "jpype"):
        raise ValueError(f"runtime {runtime!r}: use auto, pyspark or jpype")
    if runtime == "auto":
        try:
            import pyspark  # noqa: F401
            runtime = "pyspark"
        except ImportError:
            runtime = "jpype"
    settings = _settings(master, conf)
    _session = _start_pyspark(settings) if runtime == "pyspark" else _start_jpype(settings)
    return _session


def sql(query, max_rows=MAX_ROWS):
    return session().sql(query, max_rows)


def view(name, path, format="parquet", **options):
    return session().view(name, path, format, **options)


def plot(data, x, y, kind="line", title=None, path=None, ax=None, **kwargs):
    return session().plot(data, x, y, kind, title, path, ax, **kwargs)


def run_job(job, *args):
    return session().run_job(job, *args)


def sample():
    """The bundled sample CollecTor tree (work/sample/collector), made first when missing."""
    path = ROOT / "work" / "sample" / "collector"
    if not path.exists():
        subprocess.run([sys.executable, str(ROOT / "scripts" / "make-sample"), str(path)], check=True,
                       capture_output=True)
    return path


def stop():
    if _session is not None:
        _session.stop()


# --- starting Spark ---------------------------------------------------------------------------

def _settings(master, conf):
    settings = _read_properties(ROOT / "conf" / "spark-defaults.conf")
    for item in os.environ.get("TORSPARK_NOTEBOOK_CONF", "").split(";"):
        if item.strip():
            key, sep, value = item.partition("=")
            if not sep:
                raise ValueError(f"TORSPARK_NOTEBOOK_CONF: {item!r} is not key=value")
            settings[key.strip()] = value.strip()
    settings.update(conf or {})
    if master:
        settings["spark.master"] = master
    settings.setdefault("spark.master", "local[*]")
    settings.setdefault("spark.app.name", "torspark notebook")
    # Spark's UI and block manager bind to SPARK_LOCAL_IP: keep them on loopback.
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    return settings


def _read_properties(path):
    out = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            key, _, value = line.partition(" ")
            out[key] = value.strip()
    return out


def _jar():
    jar = os.environ.get("TORSPARK_JAR")
    if jar:
        return Path(jar)
    version = re.search(r'TORSPARK_VERSION="([^"]+)"', (ROOT / "scripts" / "lib.sh").read_text()).group(1)
    jar = ROOT / "jobs" / "target" / f"torspark-{version}.jar"
    # Builds the jar when missing or stale, like scripts/torspark.
    built = subprocess.run(["bash", "-c", "source scripts/lib.sh && torspark_build"], cwd=ROOT,
                           capture_output=True, text=True)
    print(built.stdout + built.stderr, end="", file=sys.stderr)
    if built.returncode != 0 or not jar.exists():
        raise RuntimeError(f"could not build {jar}: run mvn -B -DskipTests package in {ROOT}")
    return jar


def _log4j_option():
    return f"-Dlog4j2.configurationFile=file:{ROOT / 'conf' / 'log4j2.properties'}"


def _start_pyspark(settings):
    import pyspark
    from pyspark.sql import SparkSession

    wanted = re.search(r"<spark.version>(\d+\.\d+)\.", (ROOT / "pom.xml").read_text()).group(1)
    if not pyspark.__version__.startswith(wanted + "."):
        raise RuntimeError(f"pyspark {pyspark.__version__} is installed; torspark is built for Spark {wanted}: "
                           f"pip install 'pyspark=={wanted}.*'")
    conf = dict(settings)
    # PySpark launches the driver JVM with these (spark-submit --conf), so they apply as in scripts/.
    conf["spark.jars"] = ",".join(filter(None, [str(_jar()), conf.get("spark.jars")]))
    conf["spark.driver.extraJavaOptions"] = " ".join(
        filter(None, [conf.get("spark.driver.extraJavaOptions"), _log4j_option()]))
    builder = SparkSession.builder
    for key, value in conf.items():
        builder = builder.config(key, value)
    return Session("pyspark", builder.getOrCreate(), conf["spark.master"])


def _start_jpype(settings):
    import jpype

    if not jpype.isJVMStarted():
        jar = _jar()
        spark_cp = ROOT / "jobs" / "target" / "spark-classpath.txt"
        classpath = [str(jar)] + [p for p in spark_cp.read_text().strip().split(":") if p]
        # Debian's python3-jpype keeps its Java half outside the Python package.
        if Path("/usr/share/java/org.jpype.jar").exists():
            classpath.insert(0, "/usr/share/java/org.jpype.jar")
        flags = [l.strip() for l in (ROOT / "conf" / "jvm-flags").read_text().splitlines()
                 if l.strip() and not l.startswith("#")]
        # The driver JVM is this process: what the launcher would apply, applied here.
        options = [f"-Xmx{settings.get('spark.driver.memory', '2g')}", _log4j_option(), *flags,
                   *settings.get("spark.driver.extraJavaOptions", "").split()]
        jpype.startJVM(*options, classpath=classpath, convertStrings=True)
    builder = jpype.JClass("org.apache.spark.sql.SparkSession").builder()
    for key, value in settings.items():
        if key not in ("spark.driver.memory", "spark.driver.extraJavaOptions"):
            builder = builder.config(key, value)
    return Session("jpype", builder.getOrCreate(), settings["spark.master"])


# --- results ----------------------------------------------------------------------------------

def _to_pandas(fields, records):
    names = [n for n, _ in fields]
    if len(set(names)) != len(names):
        raise SqlError(f"duplicate column names {names}: alias them (AS) so that each is unique")
    df = pd.DataFrame.from_records(records, columns=names) if records else pd.DataFrame(columns=names)
    for name, spark_type in fields:
        col = df[name]
        if spark_type in ("tinyint", "smallint", "int", "bigint"):
            df[name] = col.astype("Int64")
        elif spark_type in ("float", "double") or spark_type.startswith("decimal"):
            df[name] = pd.to_numeric(col, errors="coerce").astype("float64")
        elif spark_type == "boolean":
            df[name] = col.astype("boolean")
        elif spark_type == "timestamp":
            df[name] = pd.to_datetime(col, utc=True)
        elif spark_type in ("timestamp_ntz", "date"):
            df[name] = pd.to_datetime(col)
        else:  # strings, arrays (lists), maps and structs (dicts), binary (base64 text)
            df[name] = col.astype(object).where(col.notna(), None)
    return df


def _spark_message(e):
    message = getattr(e, "message", None)
    message = message() if callable(message) else message
    return str(message or e).strip()


def _resolve(path):
    path = str(path)
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", path) or path.startswith("file:") or os.path.isabs(path):
        return path
    return str(ROOT / path)


def _literal(value):
    return "'" + str(value).replace("\\", "\\\\").replace("'", "\\'") + "'"
