#!/usr/bin/env bash
# Builds what device/run.sh needs on a machine without the SDK: a self-contained linux-x64 publish of the
# benchmarks (not trimmed: BenchmarkDotNet reflects over the benchmark classes), packed as a .tar.gz small enough to
# travel with the working tree (the device tool carries up to 64 MiB).
set -euo pipefail
cd "$(dirname "$0")/../../.."
rm -rf artifacts/bench-publish artifacts/bench-publish.tar.gz.tmp
dotnet publish tests/SoftmaxNotebooks.Benchmarks -c Release -r linux-x64 --self-contained -o artifacts/bench-publish -nologo
tar -czf artifacts/bench-publish.tar.gz.tmp -C artifacts bench-publish
mv artifacts/bench-publish.tar.gz.tmp artifacts/bench-publish.tar.gz   # never a half-written archive under the real name
ls -l artifacts/bench-publish.tar.gz
