#!/usr/bin/env python3
"""Score kg's extractor on the seed corpus and the dev set, with a per-predicate table.

usage: scripts/eval_extract.py [--kg PATH] [--set seeds|dev|sample|both] [--dir DIR ...] [--verbose]

--dir DIR scores any folder holding documents (*.txt) and their gold (DIR/gold/*.json), e.g. a
held-out probe kept outside the repository; several --dir are scored together as one set.

Runs `kg extract --format jsonl` on each set's documents and scores the output
with ../shared/eval/score.py (which it imports, so the figures are the
scorer's own). The per-predicate table is derived from the scorer's verbose
notes: its FN and FP relation keys name their predicate.
"""
import argparse, ast, collections, glob, io, json, os, subprocess, sys, contextlib, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared")
SETS = {"seeds": ("corpus", "eval/gold"), "dev": ("eval/dev", "eval/dev/gold"),
        # the repository's sample corpus and its gold (graph/gold, written by the team)
        "sample": (os.path.join(ROOT, "graph/corpus"), os.path.join(ROOT, "graph/gold"))}

def run(kg, texts):
    out = subprocess.run([kg, "extract", "--format", "jsonl"] + texts, capture_output=True, text=True)
    if out.returncode not in (0, 1):
        sys.exit(f"kg extract failed: {out.stderr[:2000]}")
    return out.stdout

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kg", default=os.path.join(ROOT, ".build/debug/kg"))
    ap.add_argument("--set", default="both", choices=["seeds", "dev", "sample", "both"])
    ap.add_argument("--dir", action="append", default=[],
                    help="a folder of *.txt with gold/*.json beside them (repeatable; scored as one set)")
    ap.add_argument("--verbose", action="store_true")
    a = ap.parse_args()
    sys.path.insert(0, os.path.join(SHARED, "eval"))
    import score
    names = (["seeds", "dev"] if a.set == "both" else [a.set]) if not a.dir else ["dirs"]
    for name in names:
        if name == "dirs":
            # a fresh folder each run: a folder named by the pid could be a stale one of another run (other gold in it)
            gdir = tempfile.mkdtemp(prefix="kg-eval-gold-")
            texts = []
            for d in a.dir:
                texts += sorted(glob.glob(os.path.join(d, "*.txt")))
                for g in glob.glob(os.path.join(d, "gold", "*.json")):
                    dst = os.path.join(gdir, os.path.basename(g))
                    if not os.path.exists(dst):
                        os.symlink(os.path.abspath(g), dst)
        else:
            tdir, gdir = (os.path.join(SHARED, p) for p in SETS[name])
            texts = sorted(glob.glob(os.path.join(tdir, "*.txt")))
        pred_path = f"/tmp/kg-eval-{name}-{os.getpid()}.jsonl"
        with open(pred_path, "w") as f:
            f.write(run(a.kg, texts))
        buf = io.StringIO()
        argv = sys.argv
        sys.argv = ["score.py", "--gold", gdir, "--pred", pred_path, "--verbose"]
        with contextlib.redirect_stdout(buf):
            try:
                score.main()
            except SystemExit:
                pass
        sys.argv = argv
        report = buf.getvalue()
        gold_count = collections.Counter()
        for g in glob.glob(os.path.join(gdir, "*.json")):
            for r in json.load(open(g)).get("relations", []):
                gold_count[r["predicate"]] += 1
        fn, fp = collections.Counter(), collections.Counter()
        for line in report.splitlines():
            s = line.strip()
            for tag, counter in (("FN relation ", fn), ("FP relation ", fp)):
                if s.startswith(tag):
                    k = ast.literal_eval(s[len(tag):])
                    counter[k[2] if k[0] == "unmatched" else k[0]] += 1
        print(f"== {name} ({len(texts)} documents)")
        if a.verbose:
            print(report)
        else:
            print("\n".join(l for l in report.splitlines() if not l.startswith("  ")))
        print(f"{'predicate':<16}{'gold':>6}{'P':>7}{'R':>7}{'F1':>7}   tp/fp/fn")
        for p in sorted(set(gold_count) | set(fp), key=lambda p: -gold_count[p]):
            tp = gold_count[p] - fn[p]
            P = tp / (tp + fp[p]) if tp + fp[p] else 0.0
            R = tp / gold_count[p] if gold_count[p] else 0.0
            F = 2 * P * R / (P + R) if P + R else 0.0
            print(f"{p:<16}{gold_count[p]:>6}{P:>7.3f}{R:>7.3f}{F:>7.3f}   {tp}/{fp[p]}/{fn[p]}")
        print()

if __name__ == "__main__":
    main()
