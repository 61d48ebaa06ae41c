#!/usr/bin/env python3
"""The CRDT workload: a replicated text (RGA) computed as a Datalog query, after Martin
Kleppmann's "Data structures as queries: expressing CRDTs using Datalog", over a real
editing history (Automerge's perf data set `paper.json.gz`, the history of a LaTeX paper:
one JSON change per line with `actor`, `startOp` and `ops`; CC-BY, automerge/automerge-perf;
not part of this repository).

    python3 bench/gen_crdt.py --history paper.json.gz --out DATA/crdt [--limit N]
    python3 bench/gen_crdt.py --history paper.json.gz --verify OUTDIR/nextVisible.csv

Writes, tab-separated integers (an element or operation id is two columns: its counter,
startOp + the op's index in its change, and its node, the actor's number from 1 in the
order of the actors' ids, so that (counter, node) orders ids as Automerge's (counter, actor)
does; the list head is (0, 0)):
- insert.facts   ctr node parentCtr parentNode   (an element inserted after its parent)
- remove.facts   ctr node                        (the assignment of that id was deleted)
- assign.facts   ctr node elemCtr elemNode value (an element's value: its character's code
  point; Automerge assigns the value with the insert itself, so the ids are equal)
- expected.txt   the final visible text, reconstructed here by replaying the operations in
  order with the RGA insertion rule (no Datalog), the reference `--verify` compares with.

`--verify FILE` reads the program's `nextVisible` output (4 columns, tab or comma separated),
walks it from the head, decodes the characters and compares the text with the replay: exit
0 when equal. bench/crdt.dl is the program (Soufflé syntax; kg runs it unchanged)."""
import argparse, gzip, json, os, sys


def read_history(path, limit=None):
    """(inserts, removes): inserts as ((ctr, node), (parentCtr, parentNode), code point) in
    history order, removes as (ctr, node) of the deleted element, in history order."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        changes = [json.loads(line) for n, line in zip(range(limit if limit is not None else 1 << 62), f)]
    actors = {a: k + 1 for k, a in enumerate(sorted({c["actor"] for c in changes}))}
    inserts, removes, order = [], [], []
    for n, change in enumerate(changes):
        node = actors[change["actor"]]
        for i, op in enumerate(change["ops"]):
            ctr = change["startOp"] + i

            def elem(s):
                if s == "_head":
                    return (0, 0)
                c, actor = s.split("@")
                return (int(c), actors[actor])

            if op["action"] == "set" and op.get("insert"):
                v = op["value"]
                if len(v) != 1:
                    sys.exit(f"{path}:{n + 1}: a value of {len(v)} characters; one expected")
                inserts.append(((ctr, node), elem(op["elemId"]), ord(v)))
                order.append(("ins", len(inserts) - 1))
            elif op["action"] == "del":
                removes.append(elem(op["elemId"]))
                order.append(("del", len(removes) - 1))
            elif op["action"] == "makeText":
                pass
            else:
                sys.exit(f"{path}:{n + 1}: unexpected op {op['action']}")
    return inserts, removes, order


def replay(inserts, removes, order):
    """The final text by applying each operation in history order to a list: an insert goes
    right after its parent, past the subtrees of the parent's children with a greater id (in
    RGA the parent's children follow it in descending id order, each followed by its own
    subtree); a delete hides the element. The list is kept in order with each element's depth
    in the insertion tree: the parent's subtree is the run after it of deeper elements, and
    its children are those one level deeper (the history's counters are not Lamport clocks
    across actors, so "skip every greater id" would not do)."""
    # A linked list with an index of nodes, so an insert costs the skipped run, not the list.
    nxt = {(0, 0): None}
    depth = {(0, 0): 0}
    value, deleted = {}, set()
    for kind, k in order:
        if kind == "del":
            deleted.add(removes[k])
            continue
        eid, parent, ch = inserts[k]
        prev, d = parent, depth[parent]
        while True:
            e = nxt[prev]
            if e is None or depth[e] <= d or (depth[e] == d + 1 and e < eid):
                break
            prev = e
        nxt[eid] = nxt[prev]
        nxt[prev] = eid
        depth[eid] = d + 1
        value[eid] = ch
    out, e = [], nxt[(0, 0)]
    while e is not None:
        if e not in deleted:
            out.append(chr(value[e]))
        e = nxt[e]
    return "".join(out)


def verify(text, path):
    succ = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f):
            fields = line.replace(",", "\t").split()
            if not fields:
                continue
            pc, pn, nc, nn = map(int, fields)
            if (pc, pn) in succ:
                sys.exit(f"{path}:{n + 1}: ({pc},{pn}) has two successors")
            succ[(pc, pn)] = (nc, nn)
    return succ


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--history", required=True, help="paper.json.gz (Automerge perf data)")
    ap.add_argument("--out", help="directory for the fact files")
    ap.add_argument("--verify", help="a nextVisible output to compare with the replayed text")
    ap.add_argument("--limit", type=int, help="read only the first N changes")
    a = ap.parse_args()
    inserts, removes, order = read_history(a.history, a.limit)
    text = replay(inserts, removes, order)
    if a.out:
        os.makedirs(a.out, exist_ok=True)
        with open(os.path.join(a.out, "insert.facts"), "w") as f:
            f.writelines(f"{c}\t{n}\t{pc}\t{pn}\n" for (c, n), (pc, pn), _ in inserts)
        with open(os.path.join(a.out, "remove.facts"), "w") as f:
            f.writelines(f"{c}\t{n}\n" for c, n in sorted(set(removes)))
        with open(os.path.join(a.out, "assign.facts"), "w") as f:
            f.writelines(f"{c}\t{n}\t{c}\t{n}\t{v}\n" for (c, n), _, v in inserts)
        with open(os.path.join(a.out, "expected.txt"), "w", encoding="utf-8") as f:
            f.write(text)
        print(f"{len(inserts)} inserts, {len(removes)} removes, {len(text)} visible characters -> {a.out}")
    if a.verify:
        value = {eid: ch for eid, _, ch in inserts}
        succ = verify(text, a.verify)
        out, e, seen = [], (0, 0), set()
        while e in succ:
            e = succ[e]
            if e in seen:
                sys.exit("nextVisible has a cycle")
            seen.add(e)
            out.append(chr(value[e]))
        got = "".join(out)
        if len(succ) != len(got):
            sys.exit(f"nextVisible has {len(succ)} rows but the walk from the head reaches {len(got)}")
        if got != text:
            i = next((k for k in range(min(len(got), len(text))) if got[k] != text[k]), min(len(got), len(text)))
            sys.exit(f"MISMATCH at character {i} of {len(text)}: got {got[i:i + 40]!r}, expected {text[i:i + 40]!r}")
        print(f"OK: nextVisible spells the replayed text ({len(text)} characters)")


if __name__ == "__main__":
    main()
