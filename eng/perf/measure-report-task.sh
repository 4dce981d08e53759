#!/usr/bin/env bash
# Times the cost report task (WriteCostReport) with a given number of call sites: the synthetic project's call-site
# records are copied to that many (eng/perf/CopyCallSites.cs), the log is touched, and the project is built again, so
# that only the report target runs (its input changed; the compiler does not). Prints the task's time from MSBuild's
# task performance summary for each build, at normal verbosity, and the median. The project's own records and report
# are put back at the end.
# Usage: eng/perf/measure-build.sh 1 && eng/perf/measure-report-task.sh [callSites=1000] [runs=5] [project=artifacts/perf/with]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
sites="${1:-1000}"; runs="${2:-5}"
project="$(cd "${3:-$root/artifacts/perf/with}" && pwd)"
log="$(find "$project/obj" -path '*promptlint/callsites.json' | head -1)"
[ -n "$log" ] || { echo "no call-site log under $project/obj: build the project first (eng/perf/measure-build.sh 1)" >&2; exit 1; }

dotnet build "$project" --no-restore -nologo -v:q > /dev/null
cp "$log" "$log.original"
# Afterwards the original records go back, and one more build writes the project's own report again.
restore() { mv "$log.original" "$log" && touch "$log" && dotnet build "$project" --no-restore -nologo -v:q > /dev/null; }
trap restore EXIT
dotnet run "$root/eng/perf/CopyCallSites.cs" -- "$log.original" "$sites" "$log"

times=()
for i in $(seq 1 "$runs"); do
  touch "$log"
  out="$(dotnet build "$project" --no-restore -nologo -v:n -clp:PerformanceSummary)"
  ms="$(awk '/Task Performance Summary/ { on = 1 } on && $3 == "WriteCostReport" { print $1; exit }' <<< "$out")"
  summary="$(grep -m1 -o 'PromptLint: [0-9,]* LLM call sites' <<< "$out" || true)"
  echo "run $i: WriteCostReport ${ms:-not run} ms ($summary)"
  times+=("${ms:-0}")
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END { print "median WriteCostReport: " (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2) " ms" }'
