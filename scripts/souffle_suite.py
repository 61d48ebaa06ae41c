#!/usr/bin/env python3
"""Runs Soufflé's evaluation suite, unchanged, through `kg query` and reports
pass / wrong / rejected counts by feature.

Not part of CI and fetches nothing: point SOUFFLE_SRC at a local checkout of
https://github.com/souffle-lang/souffle (the suite is tests/evaluation there)
and KG at a built kg binary (default .build/debug/kg):

    SOUFFLE_SRC=~/src/souffle python3 scripts/souffle_suite.py [--verbose] [NAME ...]

For each test listed as positive_test(NAME) in tests/evaluation/CMakeLists.txt,
the program runs as Soufflé's own harness runs it: `-F NAME/facts -D OUT`
(kg's equivalents). It passes when every expected NAME/*.csv equals the file kg
wrote (compared as sets of lines, numbers compared by value) and standard output
holds the expected NAME.out lines (.printsize). A test is "rejected" when kg
exits with an error (a clear message, not a wrong answer), "wrong" when kg
answered differently, "timeout" past --timeout seconds.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

# Features, each found by a pattern in the program text; "plain" programs use
# only plain Datalog (negation, aggregates, arithmetic, comparisons).
FEATURES = [
    ("component", r"^\s*\.(comp|init)\b"),
    ("record/ADT", r"\[|\$[A-Za-z]|^\s*\.type\s+\w+\s*=\s*\["),
    ("user functor", r"^\s*\.functor\b|@\w"),
    ("choice-domain", r"choice-domain"),
    ("subsumption", r"<=\s*\w+\s*\(.*:-"),
    ("eqrel", r"\beqrel\b"),
    ("pragma/include", r"^\s*\.(pragma|include|limitsize)\b|^\s*#"),
    ("float/unsigned", r":\s*(float|unsigned)\b|\bto_float\b|\bto_unsigned\b"),
    ("string functor", r"\b(cat|strlen|substr|ord|match|contains|to_string|to_number)\s*\("),
    ("range", r"\brange\s*\("),
    ("aggregate", r"\b(count|sum|min|max|mean)\b[^:]*:"),
    ("negation", r"!\s*\w+\s*\("),
]
NOT_PLAIN = {"component", "record/ADT", "user functor", "choice-domain", "subsumption", "eqrel",
             "pragma/include", "float/unsigned", "range"}


def positive_tests(src):
    cmake = open(os.path.join(src, "tests", "evaluation", "CMakeLists.txt")).read()
    return re.findall(r"^\s*positive_test\((\S+?)[\s)]", cmake, re.M)


def features(text):
    found = [name for name, pattern in FEATURES if re.search(pattern, text, re.M)]
    return found or ["plain only"]


def normal(line):
    """A line of output with numbers compared by value (1.0 is 1)."""
    out = []
    for field in line.rstrip("\r").split("\t"):
        try:
            v = float(field)
            out.append(repr(int(v)) if v.is_integer() and abs(v) < 2 ** 53 else repr(v))
        except ValueError:
            out.append(field)
    return "\t".join(out)


def lines(path):
    with open(path, errors="replace") as f:
        return sorted(normal(l) for l in f.read().split("\n") if l.strip())


def run_one(kg, directory, name, timeout):
    program = os.path.join(directory, name + ".dl")
    facts = os.path.join(directory, "facts")
    with tempfile.TemporaryDirectory() as out, tempfile.TemporaryDirectory() as empty:
        command = [kg, "query", program, "-F", facts if os.path.isdir(facts) else empty, "-D", out,
                   "--timeout", str(timeout)]
        try:
            p = subprocess.run(command, capture_output=True, text=True, timeout=timeout + 5, cwd=directory)
        except subprocess.TimeoutExpired:
            return "timeout", "no answer in %d s" % timeout
        if p.returncode != 0:
            message = (p.stderr.strip().splitlines() or ["exit %d" % p.returncode])[0]
            return ("timeout" if "time limit" in p.stderr else "rejected"), message
        problems = []
        for file in sorted(os.listdir(directory)):
            if not file.endswith(".csv"):
                continue
            produced = os.path.join(out, file)
            if not os.path.exists(produced):
                problems.append("%s not written" % file)
            elif lines(produced) != lines(os.path.join(directory, file)):
                problems.append("%s differs" % file)
        expected_out = os.path.join(directory, name + ".out")
        if os.path.exists(expected_out):
            want = lines(expected_out)
            got = sorted(normal(l) for l in p.stdout.split("\n") if l.strip())
            if want and not set(want) <= set(got):
                problems.append("standard output differs")
        return ("wrong", "; ".join(problems)) if problems else ("pass", "")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("names", nargs="*")
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--timeout", type=int, default=60)
    args = parser.parse_args()
    src = os.environ.get("SOUFFLE_SRC")
    if not src:
        sys.exit("set SOUFFLE_SRC to a Soufflé checkout (its tests/evaluation is the suite)")
    kg = os.environ.get("KG", os.path.join(os.path.dirname(__file__), "..", ".build", "debug", "kg"))
    root = os.path.join(src, "tests", "evaluation")
    names = args.names or positive_tests(src)
    by_feature = {}
    totals = {"pass": 0, "wrong": 0, "rejected": 0, "timeout": 0}
    plain = dict(totals)
    for name in names:
        directory = os.path.join(root, name)
        if not os.path.exists(os.path.join(directory, name + ".dl")):
            continue
        text = open(os.path.join(directory, name + ".dl"), errors="replace").read()
        tags = features(text)
        outcome, detail = run_one(os.path.abspath(kg), directory, name, args.timeout)
        totals[outcome] += 1
        if not NOT_PLAIN.intersection(tags):
            plain[outcome] += 1
        for tag in tags:
            by_feature.setdefault(tag, dict.fromkeys(totals, 0))[outcome] += 1
        if args.verbose or outcome == "wrong":
            print("%-9s %-28s %s  [%s]" % (outcome, name, detail[:150], ", ".join(tags)))
    count = sum(totals.values())
    print("\n%-16s %5s %5s %8s %7s" % ("feature", "pass", "wrong", "rejected", "timeout"))
    for tag in sorted(by_feature):
        f = by_feature[tag]
        print("%-16s %5d %5d %8d %7d" % (tag, f["pass"], f["wrong"], f["rejected"], f["timeout"]))
    print("\nall %d: %d pass, %d wrong, %d rejected, %d timeout" % (count, totals["pass"], totals["wrong"],
                                                                   totals["rejected"], totals["timeout"]))
    print("plain %d: %d pass, %d wrong, %d rejected, %d timeout" % (sum(plain.values()), plain["pass"], plain["wrong"],
                                                                     plain["rejected"], plain["timeout"]))


if __name__ == "__main__":
    main()
