"""Whole-process measurement: wall time, CPU time and peak resident memory of one command, and
what the machine looked like while it ran."""
import os
import platform
import re
import signal
import statistics
import subprocess
import tempfile
import threading
import time


class Run:
    __slots__ = ("seconds", "cpu_seconds", "peak_rss_mb", "returncode", "stdout", "stderr")


def run(argv, env=None, timeout=None, cwd=None):
    """Runs argv to completion; peak RSS is the child's ru_maxrss (the process that exec'd last
    under this pid, so wrapper scripts that `exec java` report the JVM)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=err, env=env, cwd=cwd, start_new_session=True)
        timer = None
        if timeout:
            timer = threading.Timer(timeout, lambda: os.killpg(proc.pid, signal.SIGKILL))
            timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        if timer:
            timer.cancel()
        r = Run()
        r.seconds = seconds
        r.cpu_seconds = usage.ru_utime + usage.ru_stime
        r.peak_rss_mb = usage.ru_maxrss / 1024.0
        r.returncode = proc.returncode
        out.seek(0)
        err.seek(0)
        r.stdout = out.read().decode("utf-8", "replace")
        r.stderr = err.read().decode("utf-8", "replace")
        return r


def median(values):
    return statistics.median(values) if values else None


def _first_line(argv):
    try:
        p = subprocess.run(argv, capture_output=True, text=True)
        return (p.stdout or p.stderr).strip().split("\n")[0]
    except OSError:
        return "not found"


def machine():
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = 0
    try:
        with open("/proc/meminfo") as f:
            mem = int(re.search(r"MemTotal:\s+(\d+)", f.read()).group(1)) / 1024 / 1024
    except (OSError, AttributeError):
        pass
    java = _first_line(["java", "-version"])
    return {
        "cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(mem, 1),
        "os": "%s %s" % (platform.system(), platform.release()),
        "java": java, "xz": _first_line(["xz", "--version"]),
        "python": platform.python_version(),
        "stem": _first_line(["/usr/bin/python3", "-c", "import stem; print('stem', stem.__version__)"]),
        "load_average": os.getloadavg(),
    }
