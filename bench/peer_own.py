#!/usr/bin/env python3
"""Peers on this repository's own workloads (kg-bench datalog --peers runs it; the runners of
../shared/bench do not know these workloads). Usage: peer_own.py ENGINE WORKLOAD DATADIR
ENGINE: duckdb-t1, sqlite, souffle-interp-j1, souffle-compiled-j1. WORKLOAD: sg-count, cspa-20k,
cspa-100k, crdt. Prints the shared runners' line: engine, workload, query_s, answers, load_s (tab-separated).

- sg-count: same generation over parent.tsv, then the number of partners per node; the answer is
  the number of groups. SQL: the shared runners' recursive CTE plus GROUP BY.
- cspa-*: bench/souffle/cspa.dl; the answer is |valueFlow|. Soufflé only (its mutual, non-linear
  recursion is not a SQL recursive CTE).
Soufflé is timed as ../shared/bench/runners/souffle_run.py times it: load = a run of a program that
only reads the inputs (with process start), query = full run minus that. Compiled programs are
cached under $SOUFFLE_CACHE (default ~/.cache/datalog-bench/souffle); compile time is not counted."""
import hashlib
import os
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SOUFFLE = os.environ.get("SOUFFLE", "souffle")
CACHE = os.environ.get("SOUFFLE_CACHE", os.path.expanduser("~/.cache/datalog-bench/souffle"))
now = time.perf_counter

SG_SQL = """
WITH RECURSIVE sg(x, y) AS (
  SELECT p1.c, p2.c FROM parent p1 JOIN parent p2 ON p1.p = p2.p WHERE p1.c <> p2.c
  UNION
  SELECT p1.c, p2.c FROM sg JOIN parent p1 ON p1.p = sg.x JOIN parent p2 ON p2.p = sg.y)
SELECT count(*) FROM (SELECT x, count(*) FROM sg GROUP BY x) g"""


def emit(engine, wl, query_s, count, load_s):
    print(f"{engine}\t{wl}\t{query_s:.3f}\t{count}\t{load_s:.3f}", flush=True)


def read_pairs(path):
    with open(path) as f:
        return [tuple(int(v) for v in line.split("\t")) for line in f if line.strip()]


def sql_sg_count(engine, data):
    path = os.path.join(data, "parent.tsv")
    if engine == "duckdb-t1":
        import duckdb
        con = duckdb.connect(":memory:")
        con.execute("SET threads=1")
        t0 = now()
        con.execute(f"CREATE TABLE parent AS SELECT * FROM read_csv('{path}', delim='\\t', header=false, "
                    "columns={'c': 'BIGINT', 'p': 'BIGINT'})")
    else:
        import sqlite3
        t0 = now()
        con = sqlite3.connect(":memory:")
        con.execute("CREATE TABLE parent(c INTEGER, p INTEGER, PRIMARY KEY(c, p)) WITHOUT ROWID")
        con.executemany("INSERT INTO parent VALUES (?, ?)", read_pairs(path))
        con.execute("CREATE INDEX parent_p ON parent(p, c)")
        con.execute("ANALYZE")
        con.commit()
    t1 = now()
    (count,) = con.execute(SG_SQL).fetchone()
    return now() - t1, count, t1 - t0


def souffle(engine, program, data):
    with open(program) as f:
        text = f.read()
    result = re.findall(r"^\.printsize\s+(\w+)", text, re.M)[-1]
    lines = text.splitlines()
    inputs = [re.match(r"\.input\s+(\w+)", l).group(1) for l in lines if l.startswith(".input")]
    load_text = "\n".join([l for l in lines if any(re.match(rf"\.decl\s+{r}\s*\(", l) for r in inputs)]
                          + [l for l in lines if l.startswith(".input")] + [f".printsize {r}" for r in inputs]) + "\n"
    out = tempfile.mkdtemp(prefix="souffle-out-")
    common = ["-j", "1", "-F", data, "-D", out]

    def command(t, tag):
        if engine == "souffle-interp-j1":
            d = tempfile.mkdtemp(prefix="souffle-prog-")
            p = os.path.join(d, tag + ".dl")
            with open(p, "w") as f:
                f.write(t)
            return [SOUFFLE] + common + [p]
        version = subprocess.run([SOUFFLE, "--version"], capture_output=True, text=True).stdout.strip()
        d = os.path.join(CACHE, hashlib.sha1((version + "\n" + t).encode()).hexdigest()[:16])
        exe = os.path.join(d, tag)
        if not os.path.exists(exe):
            os.makedirs(d, exist_ok=True)
            with open(os.path.join(d, tag + ".dl"), "w") as f:
                f.write(t)
            subprocess.run([SOUFFLE, "-o", exe, os.path.join(d, tag + ".dl")], cwd=d, check=True)
        return [exe] + common

    def timed(cmd):
        t = now()
        p = subprocess.run(cmd, capture_output=True, text=True, check=True)
        return now() - t, p.stdout

    load_cmd, full_cmd = command(load_text, "load"), command(text, "full")
    load_s, _ = timed(load_cmd)
    total_s, stdout = timed(full_cmd)
    count = next(int(l.split()[1]) for l in stdout.splitlines() if l.split()[:1] == [result])
    return max(0.0, total_s - load_s), count, load_s


def main():
    engine, wl, data = sys.argv[1], sys.argv[2], sys.argv[3]
    # crdt's program is in Soufflé syntax already (kg reads it too).
    program = os.path.join(HERE, "crdt.dl") if wl == "crdt" else os.path.join(HERE, "souffle", ("cspa" if wl.startswith("cspa") else wl) + ".dl")
    if engine.startswith("souffle-"):
        q, count, load = souffle(engine, program, data)
    elif wl == "sg-count" and engine in ("duckdb-t1", "sqlite"):
        q, count, load = sql_sg_count(engine, data)
    else:
        sys.exit(f"{engine} does not run {wl}")
    emit(engine, wl, q, count, load)


if __name__ == "__main__":
    main()
