#!/bin/sh
# The store's CRC-fixing fuzzer (Tests/KGStoreTests/StoreFuzzTests.swift) for a
# long run under AddressSanitizer: logs and snapshots mutated, lengths and
# checksums fixed up, every graph opened, read, verified, written, salvaged.
#
# usage: fuzz/store/run.sh MINUTES [SEED]
# Prints the executions and the seed; a crash or an ASan report fails the run.
# Allocations over 1 GiB abort (ASAN max_allocation_size_mb): the store must
# never allocate more than a file's size justifies.
set -eu
cd "$(dirname "$0")/../.."
MINUTES=${1:?usage: fuzz/store/run.sh MINUTES [SEED]}
SEED=${2:-$(date +%s)}
swift build --build-tests --sanitize=address --scratch-path .build-asan
KG_FUZZ_SECONDS=$((MINUTES * 60)) KG_FUZZ_SEED=$SEED \
ASAN_OPTIONS=max_allocation_size_mb=1024:allocator_may_return_null=0:detect_leaks=0:abort_on_error=1 \
    swift test --skip-build --sanitize=address --scratch-path .build-asan --filter StoreFuzzTests 2>&1 \
    | grep -E "store fuzz|error|ERROR|SUMMARY|passed|failed|Fatal"
