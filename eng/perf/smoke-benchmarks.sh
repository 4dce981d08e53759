#!/usr/bin/env bash
# Builds the benchmarks and runs each of them once, in process, on the smallest inputs (BenchmarkDotNet's dry job):
# proof that they still compile and run, not a measurement. Exits non-zero when a benchmark fails.
# Usage: eng/perf/smoke-benchmarks.sh [extra BenchmarkDotNet arguments, e.g. --filter '*Catalog*']
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
project="$root/benchmarks/PromptLint.Benchmarks"

dotnet build "$project" -c Release -nologo -v:q
dotnet "$project/bin/Release/net10.0/PromptLint.Benchmarks.dll" --smoke "$@"
