#!/usr/bin/env bash
# Builds the synthetic project with and without PromptLint, alternating, and prints the median ratio.
# Usage: eng/perf/measure-build.sh [runs=7] [files=1000] [callSites=300] [--no-sdk]
# With --no-sdk the project references no LLM SDK (and so has no call site): what PromptLint costs a project it has
# nothing to say about. Each variant is written to its own folder under artifacts/ (perf or perf-nosdk).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
runs="${1:-7}"; files="${2:-1000}"; sites="${3:-300}"; mode="${4:-}"
case "$mode" in
  "") out="$root/artifacts/perf"; generator_args=() ;;
  --no-sdk) out="$root/artifacts/perf-nosdk"; generator_args=(--no-sdk) ;;
  *) echo "unknown option '$mode' (expected --no-sdk)" >&2; exit 2 ;;
esac

dotnet pack "$root/src/PromptLint/PromptLint.csproj" -c Release -o "$root/artifacts/local-feed" -nologo -v:q
rm -rf "$out/packages/promptlint"
dotnet run "$root/eng/perf/GenerateSyntheticProject.cs" -- "$out" "$files" "$sites" "${generator_args[@]}"

for variant in with without; do
  dotnet restore "$out/$variant" -nologo -v:q
  # Warm-up (compiler server, disk cache), which also shows any build error.
  dotnet build "$out/$variant" --no-restore -nologo -v:q > "$out/$variant.warmup.log" || { cat "$out/$variant.warmup.log"; exit 1; }
done

declare -a with_times without_times
for i in $(seq 1 "$runs"); do
  for variant in with without; do
    start=$(date +%s.%N)
    dotnet build "$out/$variant" --no-restore --no-incremental -nologo -v:q > "$out/$variant.log" || { cat "$out/$variant.log"; exit 1; }
    end=$(date +%s.%N)
    t=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')
    if [ "$variant" = with ]; then with_times+=("$t"); else without_times+=("$t"); fi
    echo "run $i $variant ${t}s"
  done
done

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
mw=$(median "${with_times[@]}"); mo=$(median "${without_times[@]}")
echo "runs with PromptLint:      ${with_times[*]}"
echo "runs without PromptLint:   ${without_times[*]}"
echo "median with PromptLint:    ${mw}s"
echo "median without PromptLint: ${mo}s"
echo "ratio: $(awk -v a="$mw" -v b="$mo" 'BEGIN { printf "%.3f", a / b }')"
