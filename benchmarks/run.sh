#!/usr/bin/env bash
# Measure fenggong against its baselines, side by side in one run; write RESULTS.md.
#
#   benchmarks/run.sh            # everything (a few minutes on 2 cores)
#   RUNS=5 benchmarks/run.sh     # runs per measurement (the median is reported)
#   ROUNDS=10 benchmarks/run.sh  # rounds of the bundled-dataset and library comparisons
#   LEDGER_RUNS=5 benchmarks/run.sh  # runs of the 台账's measurements (slow: 3 by default)
#
# Needs hyperfine (Debian: apt-get install hyperfine); yq (Debian: apt-get install yq)
# for the yq baseline, which is skipped without it; valgrind (optional) for instruction
# counts. fenggong is installed from this checkout into a fresh virtual environment, as a
# user installs it (no editable mode).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
runs=${RUNS:-10}
rounds=${ROUNDS:-6}
big_runs=${BIG_RUNS:-3}
command -v hyperfine >/dev/null || { echo "run.sh needs hyperfine" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
out="$work/results"
mkdir -p "$out" "$work/data"

echo "== installing fenggong into $work/venv" >&2
python3 -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet "$root"
py="$work/venv/bin/python"
fg="$work/venv/bin/fenggong"
export XDG_CACHE_HOME="$work/cache"

echo "== datasets" >&2
cp "$root/data/tasks.yaml" "$work/data/tasks-111.yaml"
for n in 1000 10000 100000; do
  "$py" "$here/make_dataset.py" "$n" "$work/data/tasks-$n.yaml"
done

hf() {  # hf NAME RUNS COMMAND... : hyperfine, results as JSON
  local name=$1 n=$2
  shift 2
  hyperfine --style basic --warmup 1 --runs "$n" -N --export-json "$out/$name.json" "$@" >&2
}

echo "== goal 1: the bundled dataset against the Typer floor" >&2
"$fg" list >/dev/null  # a warm cache, as every later run has
printf '#!/bin/sh\n_FENGGONG_COMPLETE=complete_bash COMP_WORDS="fenggong list --lead 市" COMP_CWORD=3 exec %s\n' "$fg" >"$work/complete.sh"
chmod +x "$work/complete.sh"
bundled=(
  -n floor "$py $here/floor.py list --lead 市教委 --format json"
  -n list-json "$fg list --lead 市教委 --format json"
  -n list-table "$fg list --lead 市教委"
  -n show "$fg show 47"
  -n complete "$work/complete.sh"
)
reversed=()
for ((i = ${#bundled[@]} - 3; i >= 0; i -= 3)); do reversed+=("${bundled[@]:i:3}"); done
# A few milliseconds decide these goals, and hyperfine times one command after the
# other: in rounds of alternating order, a machine that slows down or speeds up over a
# round favours neither side. The report pools every run of every round.
for ((round = 1; round <= rounds; round++)); do
  if ((round % 2)); then hf "bundled.round$round" "$runs" "${bundled[@]}"
  else hf "bundled.round$round" "$runs" "${reversed[@]}"; fi
done
if command -v valgrind >/dev/null; then
  # Instructions executed do not vary from run to run: the same comparison without noise.
  count() {  # count NAME COMMAND...
    local name=$1
    shift
    valgrind --tool=callgrind --callgrind-out-file=/dev/null --trace-children=yes "$@" \
      >/dev/null 2>"$work/callgrind.log"
    grep -o 'Collected : [0-9]*' "$work/callgrind.log" | awk -v n="$name" '{s += $3} END {print n, s}' \
      >>"$out/instructions"
  }
  count floor "$py" "$here/floor.py" list --lead 市教委 --format json
  count list-json "$fg" list --lead 市教委 --format json
  count list-table "$fg" list --lead 市教委
  count show "$fg" show 47
  count complete "$work/complete.sh"
fi

echo "== goal 2: 10,000 tasks against yq" >&2
d10k="$work/data/tasks-10000.yaml"
"$fg" --data "$d10k" list >/dev/null
if command -v yq >/dev/null; then
  hf tenk "$runs" \
    -n list-json "$fg --data $d10k list --lead 市教委 --format json" \
    -n yq "yq -c length $d10k"
else
  hf tenk "$runs" -n list-json "$fg --data $d10k list --lead 市教委 --format json"
fi

echo "== goal 3: 100,000 tasks against a bare yaml.load" >&2
d100k="$work/data/tasks-100000.yaml"
hf hundredk "$big_runs" \
  -n validate "$fg validate $d100k" \
  -n yaml-load "$py -c 'import yaml; yaml.load(open(\"$d100k\", \"rb\"), Loader=yaml.CSafeLoader)'"
"$fg" --data "$d100k" list >/dev/null
hf hundredk-warm "$big_runs" -n list-json "$fg --data $d100k list --lead 市教委 --format json"
/usr/bin/time -f %M -o "$out/memory-validate" "$fg" validate "$d100k" >/dev/null
/usr/bin/time -f %M -o "$out/memory-list" "$fg" --data "$d100k" list --lead 市教委 --format json >/dev/null
/usr/bin/time -f %M -o "$out/memory-yaml" "$py" -c "import yaml; yaml.load(open('$d100k', 'rb'), Loader=yaml.CSafeLoader)"

echo "== goal 4: a library of 100 plans against the Typer floor" >&2
# A library of 100 plans of 111 tasks (make_library.py: half 上海市's, half four districts',
# with same-named district bodies), and a library holding only a copy of the bundled plan,
# which must cost nothing over the plan file itself.
"$py" "$here/make_library.py" 100 "$work/lib100"
mkdir -p "$work/lib1"
cp "$root/data/tasks.yaml" "$work/lib1/tasks.yaml"
lib="$work/lib100"
library=(
  -n floor "$py $here/floor.py list --lead 市教委 --format json"
  -n file-json "$fg --data $work/data/tasks-111.yaml list --lead 市教委 --format json"
  -n one-json "$fg --data $work/lib1 list --lead 市教委 --format json"
  -n lib-list "$fg --data $lib list --lead 市教委 --format json"
  -n lib-targets "$fg --data $lib targets --format json"
  -n lib-search "$fg --data $lib search 学徒制 --format json"
  -n lib-show "$fg --data $lib show plan-050:47"
)
# A library's files are found by their stat data once they have been left alone for two
# seconds (store/shelfcache.py), as a user's library mostly has been; then warm caches.
sleep 3
for data in "$work/data/tasks-111.yaml" "$work/lib1" "$lib"; do "$fg" --data "$data" list >/dev/null; done
# depts across plans, once the command answers over a library.
if "$fg" --data "$lib" depts 市教委 --format json >/dev/null 2>&1; then
  library+=(-n lib-depts "$fg --data $lib depts 市教委 --format json")
fi
reversed=()
for ((i = ${#library[@]} - 3; i >= 0; i -= 3)); do reversed+=("${library[@]:i:3}"); done
for ((round = 1; round <= rounds; round++)); do
  if ((round % 2)); then hf "library.round$round" "$runs" "${library[@]}"
  else hf "library.round$round" "$runs" "${reversed[@]}"; fi
done
if command -v valgrind >/dev/null; then
  count lib-floor "$py" "$here/floor.py" list --lead 市教委 --format json
  count lib-file-json "$fg" --data "$work/data/tasks-111.yaml" list --lead 市教委 --format json
  count lib-one-json "$fg" --data "$work/lib1" list --lead 市教委 --format json
  count lib-list "$fg" --data "$lib" list --lead 市教委 --format json
fi

echo "== every command at every size" >&2
for n in 111 1000 10000 100000; do
  data="$work/data/tasks-$n.yaml"
  "$fg" --data "$data" list >/dev/null
  count=$runs
  [ "$n" -ge 100000 ] && count=$big_runs
  hf "sizes-$n" "$count" \
    -n list "$fg --data $data list --lead 市教委 --format json" \
    -n show "$fg --data $data show 47" \
    -n targets "$fg --data $data targets --format json" \
    -n validate "$fg --data $data validate" \
    -n export-csv "$fg --data $data export csv -o $work/out.csv"
done

echo "== import: a 100-row docx and a 1,000-row xlsx" >&2
"$py" "$here/import_speed.py" "$runs" >"$out/import.md"

echo "== the 台账: 100 plans, 12 monthly periods, 408,600 reports" >&2
"$py" "$here/ledger_speed.py" "${LEDGER_RUNS:-3}" >"$out/ledger.md"

"$py" "$here/report.py" "$out" >"$here/RESULTS.md"
echo "== wrote $here/RESULTS.md" >&2
