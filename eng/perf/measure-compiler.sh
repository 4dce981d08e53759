#!/usr/bin/env bash
# Runs the compiler alone on the synthetic project written by measure-build.sh, alternating three variants, and
# prints the median wall and CPU time of each and its ratio to the compile without PromptLint:
#   without  the project's own csc command line with PromptLint's /analyzer: and token-counts /additionalfile: removed
#   first    with PromptLint, starting from an empty token-counts.json (a first build: loads the tokenizer, counts all)
#   next     with PromptLint, starting from the counts the first compile wrote (every later build)
# Whole builds add MSBuild's own work and vary more; this isolates what the analyzers add to the compile. The order of
# the three turns with each run, so that a machine slowing down or speeding up over the set favours none of them.
# Paths with spaces are not supported.
# With --net8-tokenizer a fourth variant, first8, is a first compile with the package's analyzer folder copied and the
# net8.0 build of Microsoft.ML.Tokenizers put in place of its netstandard2.0 build (which the .NET compiler can load,
# and a .NET Framework one cannot): what a first compile would cost if PromptLint loaded that build.
# Usage: eng/perf/measure-build.sh 1 && eng/perf/measure-compiler.sh [runs=9] [project=artifacts/perf/with] [--net8-tokenizer]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
net8=false
args=()
for arg in "$@"; do if [ "$arg" = --net8-tokenizer ]; then net8=true; else args+=("$arg"); fi; done
runs="${args[0]:-9}"
project="$(cd "${args[1]:-$root/artifacts/perf/with}" && pwd)"
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

variants="without first next"
if [ "$net8" = true ]; then
  analyzers="$(grep -o '/analyzer:[^ ]*/PromptLint\.Analyzers\.dll' "$work/with.rsp" | head -1 | sed 's#^/analyzer:##')"
  analyzers="$(dirname "$analyzers")"
  build="${NUGET_PACKAGES:-$HOME/.nuget/packages}/microsoft.ml.tokenizers/2.0.0/lib/net8.0/Microsoft.ML.Tokenizers.dll"
  [ -f "$build" ] || { echo "no net8.0 build of Microsoft.ML.Tokenizers 2.0.0 in the NuGet cache ($build)" >&2; exit 1; }
  rm -rf "$work/analyzers-net8" && cp -r "$analyzers" "$work/analyzers-net8" && cp "$build" "$work/analyzers-net8/"
  sed "s#$analyzers/#$work/analyzers-net8/#g" "$work/with.rsp" > "$work/with8.rsp"
  variants="without first next first8"
fi

# The counts a first compile leaves, for the "next" variant.
echo '{}' > "$counts"
(cd "$project" && "$csc" @"$work/with.rsp" > "$work/compile.log" 2>&1) || { tail -20 "$work/compile.log"; exit 1; }
cp "$counts" "$work/counts.json"

declare -A wall cpu run_wall pair
read -r -a order <<< "$variants"
for i in $(seq 1 "$runs"); do
  # The order turns by one variant each run.
  shift_by=$(( (i - 1) % ${#order[@]} ))
  for variant in "${order[@]:$shift_by}" "${order[@]:0:$shift_by}"; do
    rsp=with; [ "$variant" = without ] && rsp=without; [ "$variant" = first8 ] && rsp=with8
    [ "$variant" = first ] || [ "$variant" = first8 ] && echo '{}' > "$counts"
    [ "$variant" = next ] && cp "$work/counts.json" "$counts"
    (cd "$project" && /usr/bin/time -f "%e %U %S" -o "$work/time" "$csc" @"$work/$rsp.rsp" > "$work/compile.log" 2>&1) \
      || { tail -20 "$work/compile.log"; exit 1; }
    read -r t user sys < "$work/time"
    wall[$variant]+="$t "
    run_wall[$variant]="$t"
    cpu[$variant]+="$(awk -v a="$user" -v b="$sys" 'BEGIN { printf "%.2f", a + b }') "
    echo "run $i $variant ${t}s (load $(cut -d' ' -f1 /proc/loadavg))"
  done
  # Each run's own ratios: the compiles of a run are back to back, so drift over the set mostly cancels.
  for variant in ${variants#without }; do
    pair[$variant]+="$(awk -v a="${run_wall[$variant]}" -v b="${run_wall[without]}" 'BEGIN { printf "%.4f", a / b }') "
  done
done

median() { printf '%s\n' $1 | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
base_wall=$(median "${wall[without]}"); base_cpu=$(median "${cpu[without]}")
for variant in $variants; do
  w=$(median "${wall[$variant]}"); c=$(median "${cpu[$variant]}")
  runs_ratio=""
  [ "$variant" != without ] && runs_ratio="; median of the runs' own wall ratios $(median "${pair[$variant]}" | awk '{ printf "%.3f", $1 }')"
  echo "$variant: median wall ${w}s, cpu ${c}s; ratio wall $(awk -v a="$w" -v b="$base_wall" 'BEGIN { printf "%.3f", a / b }'), cpu $(awk -v a="$c" -v b="$base_cpu" 'BEGIN { printf "%.3f", a / b }')$runs_ratio"
done
