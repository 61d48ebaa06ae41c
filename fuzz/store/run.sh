#!/bin/sh
# The store's CRC-fixing fuzzer (Tests/KGStoreTests/StoreFuzzTests.swift) for a
# long run under AddressSanitizer: logs and snapshots mutated, lengths and
# checksums fixed up, every graph opened, read, verified, written, salvaged.
#
# usage: fuzz/store/run.sh MINUTES [SEED]
# Builds first (not counted in MINUTES), then fuzzes for MINUTES and prints the
# executions and the seed. A crash, an ASan report or a broken oracle fails the
# run (exit status of the test) and keeps the full output. Allocations over
# 1 GiB abort (ASAN max_allocation_size_mb): the store must never allocate more
# than a file's size justifies.
set -eu
cd "$(dirname "$0")/../.."
MINUTES=${1:?usage: fuzz/store/run.sh MINUTES [SEED]}
SEED=${2:-$(date +%s)}
swift build --build-tests --sanitize=address --scratch-path .build-asan >/dev/null
OUT=$(mktemp /tmp/kg-store-fuzz.XXXXXX)
set +e
KG_FUZZ_SECONDS=$((MINUTES * 60)) KG_FUZZ_SEED=$SEED \
ASAN_OPTIONS=max_allocation_size_mb=1024:allocator_may_return_null=0:detect_leaks=0:abort_on_error=1 \
    swift test --skip-build --sanitize=address --scratch-path .build-asan --filter StoreFuzzTests >"$OUT" 2>&1
status=$?
set -e
grep -E "store fuzz|error:|ERROR|SUMMARY|Fatal" "$OUT" || true
if [ "$status" -ne 0 ]; then
    echo "fuzz/store: failed (status $status, seed $SEED); full output in $OUT"
    exit "$status"
fi
rm -f "$OUT"
echo "fuzz/store: ok (seed $SEED, $MINUTES minutes)"
