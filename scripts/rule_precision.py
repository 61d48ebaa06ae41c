#!/usr/bin/env python3
"""Per-rule precision of kg's relations across scored sets: which rule (the `rule` field of
`kg extract --format jsonl`) makes how many right and wrong relations.

usage: scripts/rule_precision.py [--kg PATH] [--set NAME ...] [--dir DIR ...] [--rule RULE] [--predicate P]

--set takes seeds, dev, sample (repeatable; default: all three); --dir adds a folder of *.txt with
gold/*.json beside them (repeatable). A relation counts right when the scorer (../shared/eval/score.py,
imported, so its entity alignment is the scorer's own) finds its labelled key among the gold relations;
relations whose ends are not gold entities count as wrong ("unmatched"), and relations touching an
optional gold entity are left out, as the scorer does. Several relations with one key are one
relation to the scorer: each such duplicate is listed under its rule but counted only once overall.

--rule / --predicate print each wrong relation of that rule / predicate with its evidence, to read
what the rule gets wrong.
"""
import argparse, collections, glob, json, os, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared")
SETS = {"seeds": ("corpus", "eval/gold"), "dev": ("eval/dev", "eval/dev/gold"),
        "sample": (os.path.join(ROOT, "graph/corpus"), os.path.join(ROOT, "graph/gold"))}


def judged(score, gold, pred):
    """Each predicted relation with its scorer key and whether that key is gold (None: left out)."""
    golds = gold.get("entities", [])
    optional = gold.get("optional", [])
    preds = pred.get("entities", []) or []
    cands = [score.candidates(p, golds) for p in preds]
    plain = [c if preds[i].get("type") != "figure" else [] for i, c in enumerate(cands)]
    match = score.preferred_matching(preds, golds, plain)
    keys_of = {}
    for pi, p in enumerate(preds):
        for k in ({p.get("id"), p.get("name")} - {None}):
            keys_of.setdefault(k, pi)
    pred_subjects, gold_subjects = {}, {}
    for r in pred.get("relations", []) or []:
        si, oi = keys_of.get(r.get("subject")), keys_of.get(r.get("object"))
        if si in match and oi is not None:
            pred_subjects.setdefault(oi, set()).add(golds[match[si]]["name"])
    gidx = {g.get("name"): i for i, g in enumerate(golds)}
    for r in gold.get("relations", []):
        if r.get("object") in gidx:
            gold_subjects.setdefault(gidx[r["object"]], set()).add(r.get("subject"))
    figs = [c if preds[i].get("type") == "figure" else [] for i, c in enumerate(cands)]
    match.update(score.preferred_matching(preds, golds, figs, pred_subjects, gold_subjects))
    id_to_gold, optional_ids = {}, set()
    for pi, p in enumerate(preds):
        for k in {p.get("id"), p.get("name")} - {None}:
            if pi in match:
                id_to_gold[k] = golds[match[pi]]["name"]
            elif score.candidates(p, optional):
                optional_ids.add(k)
    gold_types = {g["name"]: g["type"] for g in golds}

    def key(s, pr, o):
        return (pr,) + tuple(sorted((s, o))) if pr in score.SYMMETRIC else (pr, s, o)
    gold_keys = {key(r["subject"], r["predicate"], r["object"]) for r in gold.get("relations", [])}
    names = {p.get("id"): p.get("name") for p in preds}
    out = []
    for r in pred.get("relations", []) or []:
        s, o = r.get("subject"), r.get("object")
        if s in optional_ids or o in optional_ids:
            continue
        gs, go = id_to_gold.get(s), id_to_gold.get(o)
        pr = r.get("predicate")
        if gs and go and gold_types.get(go) == "figure":
            pr = "has_figure"
        k = ("unmatched", s, pr, o) if gs is None or go is None else key(gs, pr, go)
        out.append((r, k, k in gold_keys, (names.get(s), pr, names.get(o))))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kg", default=os.path.join(ROOT, ".build/release/kg"))
    ap.add_argument("--set", action="append", default=[])
    ap.add_argument("--dir", action="append", default=[])
    ap.add_argument("--rule")
    ap.add_argument("--predicate")
    a = ap.parse_args()
    sys.path.insert(0, os.path.join(SHARED, "eval"))
    import score
    groups = [(n, *(os.path.join(SHARED, p) for p in SETS[n])) for n in (a.set or ([] if a.dir else list(SETS)))]
    groups += [(d, d, os.path.join(d, "gold")) for d in a.dir]
    by_rule = collections.defaultdict(lambda: [0, 0])
    by_set = {}
    wrong = []
    for name, tdir, gdir in groups:
        texts = sorted(glob.glob(os.path.join(tdir, "*.txt")))
        run = subprocess.run([a.kg, "extract", "--format", "jsonl"] + texts, capture_output=True, text=True)
        tp = fp = 0
        for line in run.stdout.splitlines():
            pred = json.loads(line)
            stem = os.path.splitext(pred["document"])[0]
            gpath = os.path.join(gdir, stem + ".json")
            if not os.path.exists(gpath):
                continue
            seen = set()
            for r, k, right, shown in judged(score, json.load(open(gpath)), pred):
                rule = f"{r.get('predicate')}:{r.get('rule')}"
                by_rule[rule][0 if right else 1] += 1
                if k not in seen:
                    seen.add(k)
                    tp, fp = tp + right, fp + (not right)
                if not right and (a.rule in (r.get("rule"), rule) or a.predicate == r.get("predicate")):
                    wrong.append((name, stem, rule, shown, r.get("evidence", "")[:160]))
        by_set[name] = (tp, fp)
    print(f"{'rule':<46}{'right':>6}{'wrong':>6}{'P':>7}")
    for rule, (t, f) in sorted(by_rule.items(), key=lambda kv: -(kv[1][0] + kv[1][1])):
        print(f"{rule:<46}{t:>6}{f:>6}{t / (t + f):>7.3f}")
    print()
    for name, (t, f) in by_set.items():
        print(f"{name}: {t} right, {f} wrong, precision {t / (t + f) if t + f else 0:.3f}")
    for w in wrong:
        print("WRONG", *w, sep="  ")


if __name__ == "__main__":
    main()
