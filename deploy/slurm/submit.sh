#!/bin/bash
# Submits an experiment as N shards (a job array) and the merge that joins them, the merge held until
# every shard has succeeded. Run it from the root of the repository, after
# `dotnet publish src/Sim.Cli -c Release -o out`:
#
#   deploy/slurm/submit.sh EXPERIMENT_FILE N [sbatch options for the shards...]
#   deploy/slurm/submit.sh experiments/stretch-vs-aa.yaml 8 --cpus-per-task=16 --partition=compute
#
# RESULTS (default results/<file name without .yaml>), SIM (default out/sim) and SIM_RUN_ARGS are
# passed on to the jobs; see sim-shards.sbatch.
set -euo pipefail

usage="usage: $0 EXPERIMENT_FILE SHARDS [sbatch options for the shards...]"
(( $# >= 2 )) || { echo "$usage" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
export EXPERIMENT=$1 SHARDS=$2
shift 2
[[ $SHARDS =~ ^[1-9][0-9]*$ ]] || { echo "$usage (SHARDS must be a positive number)" >&2; exit 2; }
export SIM=${SIM:-out/sim}
export RESULTS=${RESULTS:-results/$(basename "$EXPERIMENT" .yaml)}

# Bad input fails here, before anything is queued.
"$SIM" validate "$EXPERIMENT"

array=$(sbatch --parsable --array="1-$SHARDS" "$@" "$here/sim-shards.sbatch")
array=${array%%;*}   # --parsable prints "id" or "id;cluster"
merge=$(sbatch --parsable --dependency="afterok:$array" --kill-on-invalid-dep=yes "$here/merge.sbatch")
merge=${merge%%;*}

echo "shards: job array $array (tasks 1-$SHARDS), each into $RESULTS/shard-K"
echo "merge:  job $merge, after every shard succeeded, into $RESULTS/merged"
