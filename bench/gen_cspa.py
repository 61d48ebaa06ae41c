#!/usr/bin/env python3
"""A CSPA-like workload (context-sensitive pointer analysis, the Graspan benchmark's
program in bench/cspa.dl) on synthetic input: variables in clusters of --cluster
(a module's locals), random assign and dereference edges inside each cluster.

    python3 bench/gen_cspa.py --out DATA/cspa-100k [--assign 100000] [--seed 42]

Writes assign.tsv and dereference.tsv (tab-separated integers); deterministic for a seed."""
import argparse, os, random

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--assign", type=int, default=100_000)
    ap.add_argument("--cluster", type=int, default=40)
    ap.add_argument("--seed", type=int, default=42)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    nodes = a.assign // 4
    clusters = max(1, nodes // a.cluster)
    def member(c):
        return c * a.cluster + rng.randrange(a.cluster)
    def edge():
        # Edges stay inside a cluster: across clusters the closure would join them all
        # into one, and the analysis would grow with the square of the whole program.
        c = rng.randrange(clusters)
        return member(c), member(c)
    os.makedirs(a.out, exist_ok=True)
    assign = sorted({edge() for _ in range(a.assign)})
    deref = sorted({edge() for _ in range(a.assign // 5)})
    for name, rows in (("assign", assign), ("dereference", deref)):
        with open(os.path.join(a.out, name + ".tsv"), "w") as f:
            f.writelines(f"{x}\t{y}\n" for x, y in rows)

if __name__ == "__main__":
    main()
