#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/targets/*.swift) as small executables in
# .build-fuzz/, outside `swift build`: each project module is compiled once as a
# static library with libFuzzer coverage and AddressSanitizer, then each target
# links the ones it imports. Usage: fuzz/build.sh [TARGET ...] (default: all).
# Needs a toolchain whose swiftc supports -sanitize=fuzzer (Swift 6.3 on Linux does).
set -euo pipefail
cd "$(dirname "$0")/.."
out=.build-fuzz
mkdir -p "$out"
flags=(-parse-as-library -sanitize=fuzzer,address -O -g -I "$out" -L "$out")
# Modules in dependency order, with what each imports from the project.
modules=(KGCore KGStore KGExtract KGDatalog KGExport KGCLI)
declare -A needs=([datalog]="KGCore KGStore KGDatalog" [extract]="KGCore KGExtract"
                  [repl]="KGCore KGStore KGExtract KGDatalog KGExport KGCLI")
targets=("$@"); [ ${#targets[@]} -eq 0 ] && targets=(datalog extract repl)
wanted=" "; for t in "${targets[@]}"; do wanted+="${needs[$t]} "; done
rebuilt=0  # once a module is rebuilt, every later one is too (it may import it)
for m in "${modules[@]}"; do
  [[ "$wanted" == *" $m "* ]] || continue
  sources=$(find "Sources/$m" -name "*.swift" | sort)
  newest=$(ls -t $sources | head -1)
  if [ $rebuilt = 0 ] && [ -f "$out/lib$m.a" ] && [ "$out/lib$m.a" -nt "$newest" ]; then continue; fi
  rebuilt=1
  echo "fuzz/build.sh: compiling $m"
  swiftc "${flags[@]}" -module-name "$m" -emit-module -emit-module-path "$out/$m.swiftmodule" \
    -emit-library -static -o "$out/lib$m.a" $sources 2>&1 | grep -v "Cannot export local symbol" || true
  [ -f "$out/lib$m.a" ] || { echo "fuzz/build.sh: $m failed to build" >&2; exit 1; }
done
for t in "${targets[@]}"; do
  # Static libraries: a module before the ones it imports.
  libs=(); for m in ${needs[$t]}; do libs=(-l"$m" "${libs[@]}"); done
  echo "fuzz/build.sh: linking fuzz-$t"
  swiftc "${flags[@]}" -module-name "Fuzz_$t" "fuzz/targets/$t.swift" "${libs[@]}" -o "$out/fuzz-$t" 2>&1 \
    | grep -v "Cannot export local symbol" || true
  [ -x "$out/fuzz-$t" ] || { echo "fuzz/build.sh: fuzz-$t failed to link" >&2; exit 1; }
done
