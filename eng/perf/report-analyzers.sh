#!/usr/bin/env bash
# Rebuilds the synthetic project that eng/perf/measure-build.sh wrote, with PromptLint, under -p:ReportAnalyzer=true,
# and prints for each run the analyzer time the compiler reports per analyzer assembly and the time of PromptLint's
# cost task, then the medians. With --cold each rebuild starts without the token counts of the one before, as a first
# build does.
# Usage: eng/perf/report-analyzers.sh [runs=5] [folder=artifacts/perf] [--cold]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cold=false
args=()
for arg in "$@"; do if [ "$arg" = --cold ]; then cold=true; else args+=("$arg"); fi; done
runs="${args[0]:-5}"; out="${args[1]:-$root/artifacts/perf}"
project="$out/with"
[ -f "$project/Synthetic.csproj" ] || { echo "$project has no project: run eng/perf/measure-build.sh first" >&2; exit 1; }

# The compiler's report: "Total analyzer execution time: 1.234 seconds." then one line per assembly, time first.
seconds_of() { awk -v name="$2" 'index($0, name ", Version=") && $1 ~ /^[0-9.<]+$/ { sub(/^</, "", $1); print $1; exit }' "$1"; }

declare -a total_times promptlint_times netanalyzers_times csharp_times task_times
for i in $(seq 1 "$runs"); do
  log="$out/report-analyzer.$i.log"
  if [ "$cold" = true ]; then find "$project/obj" -name token-counts.json -delete; fi
  dotnet build "$project" --no-restore --no-incremental -nologo -v:d -p:ReportAnalyzer=true -clp:PerformanceSummary > "$log" \
    || { tail -50 "$log"; exit 1; }
  total=$(grep -m1 -o 'Total analyzer execution time: [0-9.]*' "$log" | awk '{print $NF}')
  promptlint=$(seconds_of "$log" PromptLint.Analyzers)
  netanalyzers=$(seconds_of "$log" Microsoft.CodeAnalysis.NetAnalyzers)
  csharp=$(seconds_of "$log" Microsoft.CodeAnalysis.CSharp.NetAnalyzers)
  # The task summary lists "  <ms> ms  WriteCostReport  <calls> calls".
  task=$(awk '/Task Performance Summary/ { on = 1 } on && $3 == "WriteCostReport" { print $1; exit }' "$log")
  total_times+=("${total:-0}"); promptlint_times+=("${promptlint:-0}"); netanalyzers_times+=("${netanalyzers:-0}")
  csharp_times+=("${csharp:-0}"); task_times+=("${task:-0}")
  echo "run $i: all analyzers ${total}s, PromptLint.Analyzers ${promptlint}s, NetAnalyzers ${netanalyzers}s," \
    "CSharp.NetAnalyzers ${csharp}s, WriteCostReport $([ -n "$task" ] && echo "$task ms" || echo "not run")"
done

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo "median all analyzers:         $(median "${total_times[@]}")s"
echo "median PromptLint.Analyzers:  $(median "${promptlint_times[@]}")s"
echo "median NetAnalyzers:          $(median "${netanalyzers_times[@]}")s"
echo "median CSharp.NetAnalyzers:   $(median "${csharp_times[@]}")s"
if printf '%s\n' "${task_times[@]}" | grep -qv '^0$'; then
  echo "median WriteCostReport task:  $(median "${task_times[@]}") ms"
else
  echo "WriteCostReport task:         not run"
fi
