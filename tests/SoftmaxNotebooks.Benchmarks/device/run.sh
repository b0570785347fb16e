#!/usr/bin/env bash
# One short run on a benchmark machine without the .NET SDK (the Intel AVX-512 device of issue 15): the kit's
# --quick target ratios from a self-contained publish, in process, then the Python peers on the same machine.
# Under ~8 minutes on 16 cores. Produce the publish first, on a machine with the SDK (see ../README.md, "Device run"):
#
#   tests/SoftmaxNotebooks.Benchmarks/device/publish.sh     # -> artifacts/bench-publish.tar.gz (~30 MB)
#
# then, from the repository root on the device (the run tool: carry ["artifacts/bench-publish.tar.gz"]):
#
#   bash tests/SoftmaxNotebooks.Benchmarks/device/run.sh [artifacts/bench-publish.tar.gz]
#
# Everything it writes goes to $OUT (or ./device-results when OUT is unset): machine.txt, kit.log,
# target-ratios.md, peers.log, peers.json.
set -uo pipefail
cd "$(dirname "$0")/../../.."
archive="${1:-artifacts/bench-publish.tar.gz}"
out="${OUT:-$PWD/device-results}"
mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

{
  echo "date: $(date -u '+%Y-%m-%d %H:%M:%S') UTC"
  echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
  lscpu | grep -E 'Model name|^CPU\(s\)|Thread\(s\) per core|L2 cache|L3 cache|NUMA node\(s\)' || true
  grep -o -w -E 'avx512f|avx512dq|avx2|fma' /proc/cpuinfo | sort -u | tr '\n' ' '; echo
  echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
  command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name --format=csv,noheader
} > "$out/machine.txt" 2>&1
cat "$out/machine.txt"

status=0
if [ -f "$archive" ]; then
  tar -xzf "$archive" -C "$work"
  app="$work/bench-publish/SoftmaxNotebooks.Benchmarks"
  # BenchmarkDotNet writes BenchmarkDotNet.Artifacts/ under the working directory: keep it out of the checkout.
  mkdir -p "$work/run"
  # In process there is no child to hand the setting to, so tiered compilation is turned off here, as the
  # out-of-process job does (BenchConfig.cs).
  ( cd "$work/run" && DOTNET_TieredCompilation=0 timeout 330 "$app" --quick --inprocess ) > "$out/kit.log" 2>&1
  kit=$?
  [ $kit -eq 0 ] || { echo "kit benchmarks exited with $kit (124: the 330 s limit)"; status=1; }
  ratios="$(find "$work/run" -name target-ratios.md | head -n 1)"
  [ -n "$ratios" ] && cp "$ratios" "$out/target-ratios.md" && cat "$out/target-ratios.md"
  find "$work/run" -name '*-report-github.md' -exec cp {} "$out/" \;
else
  echo "no publish at $archive: the kit's ratios are not measured (see device/publish.sh)"
  status=1
fi

# The first Python that has numpy (a pyenv shim may shadow the system Python that has the packages).
python=""
for candidate in ${PYTHON:-} python3 /usr/bin/python3 /usr/local/bin/python3 python; do
  if command -v "$candidate" >/dev/null && "$candidate" -c 'import numpy' >/dev/null 2>&1; then
    python="$candidate"
    break
  fi
done
threads="1,$(nproc)"
if [ -n "$python" ] || python="$(command -v python3)"; then
  timeout 150 "$python" tests/SoftmaxNotebooks.Benchmarks/peers.py --threads "$threads" --json "$out/peers.json" \
    2>&1 | tee "$out/peers.log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || { echo "peers.py failed or ran past 150 s"; status=1; }
else
  echo "python3 not found: the peers are not measured" | tee "$out/peers.log"
fi
exit $status
