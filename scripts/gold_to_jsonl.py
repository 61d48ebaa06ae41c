#!/usr/bin/env python3
"""Turn gold annotation files (shared/eval GUIDELINES.md format) into `kg import` JSONL.

usage: scripts/gold_to_jsonl.py GOLD_DIR > gold.jsonl

One extraction per gold file: its entities (ids e1, e2, … in file order; figures keep
value and unit) and its relations, each with its evidence quote and the rule `gold`.
`queries/*.expected` are the answers of the example queries on the graph this gives
(see queries/README.md), so they state what the documents say, not what the
extractor finds.
"""
import glob, json, os, sys

def convert(path):
    g = json.load(open(path, encoding="utf-8"))
    ids, entities = {}, []
    for e in g["entities"]:
        ids[e["name"]] = f"e{len(ids) + 1}"
        x = {"id": ids[e["name"]], "type": e["type"], "name": e["name"],
             "aliases": [a for a in e.get("aliases", []) if a != e["name"]]}
        if e["type"] == "figure":
            x["value"] = e["value"]
            x["unit"] = e["unit"]
        entities.append(x)
    relations = []
    for r in g["relations"]:
        x = {"subject": ids[r["subject"]], "predicate": r["predicate"], "object": ids[r["object"]],
             "evidence": r.get("evidence", ""), "rule": "gold", "confidence": 1}
        if "metric" in r:
            x["metric"] = r["metric"]
        relations.append(x)
    return {"document": "graph/corpus/" + g["document"], "entities": entities, "relations": relations}

def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.json"))):
        print(json.dumps(convert(path), ensure_ascii=False, sort_keys=True))

if __name__ == "__main__":
    main()
