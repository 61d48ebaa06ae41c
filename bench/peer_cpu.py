#!/usr/bin/env python3
"""CPU seconds of DuckDB (1 thread) and SQLite on the triple workloads, load and query apart, for
comparisons that the load of a shared machine distorts less than wall time (kg-bench datalog prints
kg's own as load_cpu_s and query_cpu_s). Usage: peer_cpu.py ENGINE WORKLOAD DATADIR [REPS]
ENGINE: duckdb-t1 or sqlite; WORKLOAD: kg-agg or kg-join (DATADIR/kg/triple.tsv). The load and the
query are the shared runners' (../shared/bench/runners: read_csv for DuckDB; Python's TSV reading,
INSERT, the (p, s, o) primary key and the (p, o, s) index for SQLite). Each rep is a fresh database
in this process; the query is run once per load (as a first query). Prints per rep: engine, workload,
query CPU s, answers, load CPU s, query wall s, load wall s (tab-separated)."""
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "bench", "runners"))
from sql_queries import SQL  # noqa: E402

cpu, wall = time.process_time, time.perf_counter


def main():
    engine, wl, data = sys.argv[1], sys.argv[2], sys.argv[3]
    reps = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    path = os.path.join(data, "kg", "triple.tsv")
    for _ in range(reps):
        if engine == "duckdb-t1":
            import duckdb
            con = duckdb.connect(":memory:")
            con.execute("SET threads=1")
            c0, w0 = cpu(), wall()
            con.execute(f"CREATE TABLE triple AS SELECT * FROM read_csv('{path}', delim='\\t', header=false, "
                        "columns={'s': 'BIGINT', 'p': 'VARCHAR', 'o': 'BIGINT'})")
        else:
            import sqlite3
            c0, w0 = cpu(), wall()
            con = sqlite3.connect(":memory:")
            with open(path) as f:
                rows = [(int(s), p, int(o)) for s, p, o in (line.rstrip("\n").split("\t") for line in f)]
            con.execute("CREATE TABLE triple(s INTEGER, p TEXT, o INTEGER, PRIMARY KEY(p, s, o)) WITHOUT ROWID")
            con.executemany("INSERT INTO triple VALUES (?,?,?)", rows)
            con.execute("CREATE INDEX triple_pos ON triple(p, o, s)")
            con.execute("ANALYZE")
            con.commit()
        c1, w1 = cpu(), wall()
        (count,) = con.execute(SQL[wl]).fetchone()
        c2, w2 = cpu(), wall()
        print(f"{engine}\t{wl}\t{c2 - c1:.4f}\t{count}\t{c1 - c0:.3f}\t{w2 - w1:.4f}\t{w1 - w0:.3f}", flush=True)


if __name__ == "__main__":
    main()
