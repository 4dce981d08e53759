#!/usr/bin/env bash
# Builds the synthetic project with and without PromptLint, alternating, and prints the median ratio.
# Usage: eng/perf/measure-build.sh [runs=7] [files=1000] [callSites=300] [--no-sdk | --cold | --fresh]
# With --no-sdk the project references no LLM SDK (and so has no call site): what PromptLint costs a project it has
# nothing to say about. With --cold every build with PromptLint starts without the token counts of the build before
# (obj/.../promptlint/token-counts.json is deleted first), as a first build on a fresh clone does: it loads the
# tokenizer and counts every prompt, while everything else the build keeps in obj/ is still there. With --fresh both
# projects build from an empty obj/ and bin/, restore included, as a fresh clone or a clean CI checkout does (with
# the packages already in the NuGet cache): PromptLint has no token counts then either. Each variant is written to its
# own folder under artifacts/ (perf or perf-nosdk).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
runs="${1:-7}"; files="${2:-1000}"; sites="${3:-300}"; mode="${4:-}"
case "$mode" in
  "") out="$root/artifacts/perf"; generator_args=() ;;
  --no-sdk) out="$root/artifacts/perf-nosdk"; generator_args=(--no-sdk) ;;
  --cold | --fresh) out="$root/artifacts/perf"; generator_args=() ;;
  *) echo "unknown option '$mode' (expected --no-sdk, --cold or --fresh)" >&2; exit 2 ;;
esac

dotnet pack "$root/src/PromptLint/PromptLint.csproj" -c Release -o "$root/artifacts/local-feed" -nologo -v:q
rm -rf "$out/packages/promptlint"
dotnet run "$root/eng/perf/GenerateSyntheticProject.cs" -- "$out" "$files" "$sites" "${generator_args[@]}"

for variant in with without; do
  dotnet restore "$out/$variant" -nologo -v:q
  # Warm-up (compiler server, disk cache), which also shows any build error.
  dotnet build "$out/$variant" --no-restore -nologo -v:q > "$out/$variant.warmup.log" || { cat "$out/$variant.warmup.log"; exit 1; }
done

# Wall-clock time is what the target is about; the CPU time of the build and its child processes (user + system) is
# printed too, as it varies less when other work shares the machine.
declare -a with_times without_times with_cpu without_cpu
for i in $(seq 1 "$runs"); do
  for variant in with without; do
    if [ "$mode" = --cold ] && [ "$variant" = with ]; then find "$out/with/obj" -name token-counts.json -delete; fi
    build_args=(--no-restore --no-incremental)
    if [ "$mode" = --fresh ]; then rm -rf "$out/$variant/obj" "$out/$variant/bin"; build_args=(); fi
    /usr/bin/time -f "%e %U %S" -o "$out/$variant.time" \
      dotnet build "$out/$variant" "${build_args[@]}" -nologo -v:q > "$out/$variant.log" || { cat "$out/$variant.log"; exit 1; }
    read -r t user sys < "$out/$variant.time"
    cpu=$(awk -v a="$user" -v b="$sys" 'BEGIN { printf "%.2f", a + b }')
    if [ "$variant" = with ]; then with_times+=("$t"); with_cpu+=("$cpu"); else without_times+=("$t"); without_cpu+=("$cpu"); fi
    echo "run $i $variant ${t}s (cpu ${cpu}s, load $(cut -d' ' -f1 /proc/loadavg))"
  done
done

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
mw=$(median "${with_times[@]}"); mo=$(median "${without_times[@]}")
echo "runs with PromptLint:      ${with_times[*]}"
echo "runs without PromptLint:   ${without_times[*]}"
echo "median with PromptLint:    ${mw}s"
echo "median without PromptLint: ${mo}s"
echo "ratio: $(awk -v a="$mw" -v b="$mo" 'BEGIN { printf "%.3f", a / b }')"
cw=$(median "${with_cpu[@]}"); co=$(median "${without_cpu[@]}")
echo "median cpu with / without:  ${cw}s / ${co}s, ratio $(awk -v a="$cw" -v b="$co" 'BEGIN { printf "%.3f", a / b }')"
# The machine's speed drifts over a set (the same build has taken 7 s at its start and 11 s at its end), which moves
# both medians. Each pair ran back to back, so the ratio within a pair cancels most of that drift; their median is
# the figure to compare with a target.
declare -a pair_wall pair_cpu
for i in "${!with_times[@]}"; do
  pair_wall+=("$(awk -v a="${with_times[$i]}" -v b="${without_times[$i]}" 'BEGIN { printf "%.4f", a / b }')")
  pair_cpu+=("$(awk -v a="${with_cpu[$i]}" -v b="${without_cpu[$i]}" 'BEGIN { printf "%.4f", a / b }')")
done
echo "ratios of the pairs (wall):  ${pair_wall[*]}"
echo "median ratio of the pairs:  wall $(median "${pair_wall[@]}" | awk '{ printf "%.3f", $1 }'), cpu $(median "${pair_cpu[@]}" | awk '{ printf "%.3f", $1 }')"
