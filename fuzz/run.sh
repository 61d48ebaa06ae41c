#!/usr/bin/env bash
# Runs one libFuzzer target for N minutes: fuzz/run.sh TARGET MINUTES
#   TARGET: datalog (lexer, parser, compiler, evaluator), extract (the extractor),
#           repl (key decoder, line buffer and its layout).
# Or a short deterministic run of every target over the committed seeds (CI):
#   fuzz/run.sh --ci
# Builds the target first (fuzz/build.sh). Seeds are read from fuzz/corpus/TARGET;
# inputs the fuzzer finds go to .build-fuzz/corpus-TARGET (not committed); a crash
# is written to fuzz/crashes/TARGET-crash-* and the script exits non-zero. A crash
# found here gets a fix and a test, and its input joins fuzz/corpus/TARGET.
set -euo pipefail
cd "$(dirname "$0")/.."
# FUZZ_TIMEOUT: seconds before one input counts as a hang (raise it on a loaded machine:
# ASan runs 3–4 times slower, and a shared core slower again).
common=(-timeout=${FUZZ_TIMEOUT:-10} -rss_limit_mb=2048 -max_len=4096 -print_final_stats=1)
if [ "${1:-}" = "--ci" ]; then
  fuzz/build.sh datalog extract repl
  mkdir -p fuzz/crashes
  for t in datalog extract repl; do
    echo "fuzz/run.sh: $t, 3000 deterministic runs from the seeds"
    ASAN_OPTIONS=detect_leaks=0 ".build-fuzz/fuzz-$t" "${common[@]}" -seed=1 -runs=3000 \
      -artifact_prefix="fuzz/crashes/$t-" "fuzz/corpus/$t"
  done
  exit 0
fi
target=${1:?usage: fuzz/run.sh TARGET MINUTES | --ci}
minutes=${2:?usage: fuzz/run.sh TARGET MINUTES | --ci}
fuzz/build.sh "$target"
mkdir -p ".build-fuzz/corpus-$target" fuzz/crashes
ASAN_OPTIONS=detect_leaks=0 ".build-fuzz/fuzz-$target" "${common[@]}" -max_total_time=$((minutes * 60)) \
  -artifact_prefix="fuzz/crashes/$target-" ".build-fuzz/corpus-$target" "fuzz/corpus/$target"
