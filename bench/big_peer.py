#!/usr/bin/env python3
"""Peers for `kg-bench big`: the same graph and queries on DuckDB or SQLite.

    python3 bench/big_peer.py ENGINE TSV_DIR NAMES_FILE REACH_QUERIES AGG_REPS

ENGINE is duckdb or sqlite. TSV_DIR holds entity.tsv (id, name), alias.tsv (id,
alias) and triple.tsv (s, p, o: entity ids) as kg-bench big exports them.
A child process loads them into a database file with indexes on triple(s),
entity(name), entity(id) (load time printed apart); this process then opens
that file cold, reads its resident memory, and runs each query, printing

    ENGINE  load  SECONDS
    ENGINE  open  SECONDS  RSS_MB  HWM_MB
    ENGINE  QUERY  FIRST_S  P50_S  P99_S  RUNS  ANSWERS(first 5, comma-separated)

QUERY is point, 2hop, 2hop_names (2hop with the names of X and Y, as kg answers), reach, agg.

with the percentiles over the runs after the first, as kg-bench reports kg's.
"""
import os
import subprocess
import sys
import time

POINT = ("SELECT t.p, e2.name FROM entity e1 JOIN triple t ON t.s = e1.id "
         "JOIN entity e2 ON e2.id = t.o WHERE e1.name = ?")
TWO_HOP = ("SELECT DISTINCT t1.p, t1.o, t2.p, t2.o FROM entity e1 JOIN triple t1 ON t1.s = e1.id "
           "JOIN triple t2 ON t2.s = t1.o WHERE e1.name = ?")
# The 2-hop answer as kg gives it (names of X and Y, not entity ids): printed beside
# the id-only query above, which stays the one the ratio in bench/README.md is about.
TWO_HOP_NAMES = ("SELECT DISTINCT t1.p, e2.name, t2.p, e3.name FROM entity e1 JOIN triple t1 ON t1.s = e1.id "
                 "JOIN triple t2 ON t2.s = t1.o JOIN entity e2 ON e2.id = t1.o JOIN entity e3 ON e3.id = t2.o "
                 "WHERE e1.name = ?")
REACH = ("WITH RECURSIVE r(y) AS ("
         " SELECT t.o FROM entity e JOIN triple t ON t.s = e.id WHERE e.name = ? AND t.p = 'invested_in'"
         " UNION SELECT t.o FROM r JOIN triple t ON t.s = r.y WHERE t.p = 'invested_in')"
         " SELECT y FROM r")
AGG = "SELECT p, count(*) FROM triple GROUP BY p"


def connect(engine, path):
    if engine == "duckdb":
        import duckdb
        return duckdb.connect(path)
    import sqlite3
    return sqlite3.connect(path)


def db_path(engine, data):
    return os.path.join(data, "big." + ("duckdb" if engine == "duckdb" else "sqlite"))


def load(engine, data):
    path = db_path(engine, data)
    for suffix in ("", ".wal", "-journal"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    start = time.time()
    con = connect(engine, path)
    con.execute("CREATE TABLE entity(id INTEGER, name TEXT)")
    con.execute("CREATE TABLE alias(id INTEGER, alias TEXT)")
    con.execute("CREATE TABLE triple(s INTEGER, p TEXT, o INTEGER)")
    if engine == "duckdb":
        for table, columns in (("entity", "{'id': 'INTEGER', 'name': 'VARCHAR'}"),
                               ("alias", "{'id': 'INTEGER', 'alias': 'VARCHAR'}"),
                               ("triple", "{'s': 'INTEGER', 'p': 'VARCHAR', 'o': 'INTEGER'}")):
            f = os.path.join(data, table + ".tsv")
            con.execute(f"INSERT INTO {table} SELECT * FROM read_csv('{f}', delim='\t', header=false, "
                        f"quote='', escape='', columns={columns})")
    else:
        for table, n in (("entity", 2), ("alias", 2), ("triple", 3)):
            with open(os.path.join(data, table + ".tsv"), encoding="utf-8") as f:
                rows = (line.rstrip("\n").split("\t") for line in f)
                con.executemany(f"INSERT INTO {table} VALUES ({','.join('?' * n)})", rows)
    con.execute("CREATE INDEX triple_s ON triple(s)")
    con.execute("CREATE INDEX entity_name ON entity(name)")
    con.execute("CREATE INDEX entity_id ON entity(id)")
    con.execute("CREATE INDEX alias_alias ON alias(alias)")
    con.commit()
    con.close()
    print(f"{engine}\tload\t{time.time() - start:.3f}", flush=True)


def memory():
    rss = hwm = 0.0
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1]) / 1024
            if line.startswith("VmHWM:"):
                hwm = int(line.split()[1]) / 1024
    return rss, hwm


def percentile(xs, q):
    s = sorted(xs)
    return s[min(len(s) - 1, int(round((len(s) - 1) * q)))]


def main():
    if sys.argv[1] == "load":
        load(sys.argv[2], sys.argv[3])
        return
    engine, data, names_file = sys.argv[1], sys.argv[2], sys.argv[3]
    reach_queries, agg_reps = int(sys.argv[4]), int(sys.argv[5])
    subprocess.run([sys.executable, __file__, "load", engine, data], check=True)
    names = [n for n in open(names_file, encoding="utf-8").read().split("\n") if n]
    start = time.time()
    con = connect(engine, db_path(engine, data))
    con.execute("SELECT count(*) FROM entity WHERE id = 1").fetchall()  # the file is open and readable
    opened = time.time() - start
    rss, hwm = memory()
    print(f"{engine}\topen\t{opened:.3f}\t{rss:.0f}\t{hwm:.0f}", flush=True)
    workloads = [("point", POINT, names), ("2hop", TWO_HOP, names), ("2hop_names", TWO_HOP_NAMES, names),
                 ("reach", REACH, names[:reach_queries]),
                 ("agg", AGG, [None] * agg_reps)]
    for name, sql, args in workloads:
        times, answers = [], []
        for a in args:
            t0 = time.perf_counter()
            rows = con.execute(sql, [a] if a is not None else []).fetchall()
            times.append(time.perf_counter() - t0)
            answers.append(len(rows))
        rest = times[1:] if len(times) > 1 else times
        print(f"{engine}\t{name}\t{times[0]:.6f}\t{percentile(rest, 0.5):.6f}\t{percentile(rest, 0.99):.6f}\t"
              f"{len(times)}\t{','.join(map(str, answers[:5]))}", flush=True)
    rss, hwm = memory()
    print(f"{engine}\tafter queries\trss_mb {rss:.0f}\thwm_mb {hwm:.0f}", flush=True)


if __name__ == "__main__":
    main()
