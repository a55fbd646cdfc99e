#!/usr/bin/env bash
# How much faster a sweep finishes with two runs in parallel: `sim run` of one experiment (default the 24-run
# experiments/stretch-vs-aa.yaml) at --jobs 1, then --jobs 2, REPEAT times alternating (default 1), each into its own
# output directory under a temporary directory; prints wall and user CPU seconds of each and the wall ratio, and
# checks that the two outputs are byte-identical (every file but manifest.json). Meant for an otherwise idle machine.
# With SIM_TIMINGS=DIR each run also leaves its phase and per-run timings in DIR (see src/Sim.Cli/PhaseTimings.cs).
#   bench/jobs-scaling.sh [EXPERIMENT] [extra sim run options, e.g. --set replications=1]
set -euo pipefail
cd "$(dirname "$0")/.."
experiment=${1:-experiments/stretch-vs-aa.yaml}
shift || true
repeat=${REPEAT:-1}
timings=${SIM_TIMINGS:-}
unset SIM_TIMINGS
dotnet build src/Sim.Cli -c Release -v q -nologo >/dev/null
sim="src/Sim.Cli/bin/Release/net10.0/sim"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

run() { # jobs index -> "wall user"
  local env=()
  [ -n "$timings" ] && mkdir -p "$timings" && env=(SIM_TIMINGS="$timings/jobs$1-$2.txt")
  env "${env[@]}" /usr/bin/time -f "%e %U" -o "$work/time" "$sim" run "$experiment" --jobs "$1" --quiet --out "$work/j$1" "${extra[@]}" >/dev/null
  cat "$work/time"
}
extra=("$@")
printf '%-6s %-8s %10s %10s\n' try jobs wall_s user_s
for i in $(seq 1 "$repeat"); do
  read -r w1 u1 < <(run 1 "$i")
  printf '%-6s %-8s %10s %10s\n' "$i" 1 "$w1" "$u1"
  read -r w2 u2 < <(run 2 "$i")
  printf '%-6s %-8s %10s %10s\n' "$i" 2 "$w2" "$u2"
  awk -v a="$w1" -v b="$w2" -v i="$i" 'BEGIN { printf "%-6s speed-up at --jobs 2: %.2fx (wall)\n", i, a / b }'
done
if diff -r -q -x manifest.json "$work/j1" "$work/j2" >/dev/null; then echo "outputs at --jobs 1 and 2: byte-identical"; else echo "outputs at --jobs 1 and 2 DIFFER" >&2; exit 1; fi
