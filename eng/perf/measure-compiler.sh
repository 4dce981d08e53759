#!/usr/bin/env bash
# Runs the compiler alone on the synthetic project written by measure-build.sh, alternating three variants, and
# prints the median wall and CPU time of each and its ratio to the compile without PromptLint:
#   without  the project's own csc command line with PromptLint's /analyzer: and token-counts /additionalfile: removed
#   first    with PromptLint, starting from an empty token-counts.json (a first build: loads the tokenizer, counts all)
#   next     with PromptLint, starting from the counts the first compile wrote (every later build)
# Whole builds add MSBuild's own work and vary more; this isolates what the analyzers add to the compile. The order of
# the three turns with each run, so that a machine slowing down or speeding up over the set favours none of them.
# Paths with spaces are not supported.
# Usage: eng/perf/measure-build.sh 1 && eng/perf/measure-compiler.sh [runs=9] [project=artifacts/perf/with]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
runs="${1:-9}"
project="$(cd "${2:-$root/artifacts/perf/with}" && pwd)"
work="$project/obj/measure-compiler"
mkdir -p "$work"

# The compiler's command line, as MSBuild runs it (one line of a detailed log).
dotnet build "$project" --no-restore --no-incremental -nologo -v:d > "$work/build.log" \
  || { tail -30 "$work/build.log"; exit 1; }
line="$(grep -m1 -E '^ +/.*/csc(\.exe)? .*/analyzer:.*promptlint' "$work/build.log" | sed 's/^ *//')" \
  || { echo "no compiler command line with PromptLint's analyzers in $work/build.log" >&2; exit 1; }
csc="${line%% *}"
printf '%s\n' "${line#* }" > "$work/with.rsp"
sed -E 's#/analyzer:[^ ]*/promptlint/[^ ]*##g; s#/additionalfile:[^ ]*token-counts\.json##' "$work/with.rsp" > "$work/without.rsp"
counts="$(grep -o '/additionalfile:[^ ]*token-counts\.json' "$work/with.rsp" | head -1 | sed 's#^/additionalfile:##')"
[ -n "$counts" ] || { echo "no token-counts.json among the compiler's additional files" >&2; exit 1; }

# The counts a first compile leaves, for the "next" variant.
echo '{}' > "$counts"
(cd "$project" && "$csc" @"$work/with.rsp" > "$work/compile.log" 2>&1) || { tail -20 "$work/compile.log"; exit 1; }
cp "$counts" "$work/counts.json"

declare -A wall cpu run_wall pair
orders=("without first next" "first next without" "next without first")
for i in $(seq 1 "$runs"); do
  for variant in ${orders[$(( (i - 1) % 3 ))]}; do
    rsp=with; [ "$variant" = without ] && rsp=without
    [ "$variant" = first ] && echo '{}' > "$counts"
    [ "$variant" = next ] && cp "$work/counts.json" "$counts"
    (cd "$project" && /usr/bin/time -f "%e %U %S" -o "$work/time" "$csc" @"$work/$rsp.rsp" > "$work/compile.log" 2>&1) \
      || { tail -20 "$work/compile.log"; exit 1; }
    read -r t user sys < "$work/time"
    wall[$variant]+="$t "
    run_wall[$variant]="$t"
    cpu[$variant]+="$(awk -v a="$user" -v b="$sys" 'BEGIN { printf "%.2f", a + b }') "
    echo "run $i $variant ${t}s (load $(cut -d' ' -f1 /proc/loadavg))"
  done
  # Each run's own ratios: the three compiles of a run are back to back, so drift over the set mostly cancels.
  for variant in first next; do
    pair[$variant]+="$(awk -v a="${run_wall[$variant]}" -v b="${run_wall[without]}" 'BEGIN { printf "%.4f", a / b }') "
  done
done

median() { printf '%s\n' $1 | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
base_wall=$(median "${wall[without]}"); base_cpu=$(median "${cpu[without]}")
for variant in without first next; do
  w=$(median "${wall[$variant]}"); c=$(median "${cpu[$variant]}")
  runs_ratio=""
  [ "$variant" != without ] && runs_ratio="; median of the runs' own wall ratios $(median "${pair[$variant]}" | awk '{ printf "%.3f", $1 }')"
  echo "$variant: median wall ${w}s, cpu ${c}s; ratio wall $(awk -v a="$w" -v b="$base_wall" 'BEGIN { printf "%.3f", a / b }'), cpu $(awk -v a="$c" -v b="$base_cpu" 'BEGIN { printf "%.3f", a / b }')$runs_ratio"
done
