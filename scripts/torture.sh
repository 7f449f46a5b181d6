#!/usr/bin/env bash
# scripts/torture.sh [ROUNDS] [FILES]: kill imports and the watcher at random moments and prove
# the archive survives (issue 13, "A crash-proof archive"). Long: not part of CI (.ci/run never
# calls it). Needs bash, coreutils, sed, grep, find, xargs and python3 (and cargo, unless
# $TORTURE_BIN is given).
#
#   1. Builds the release binary once (or uses $TORTURE_BIN), and writes FILES synthetic copy
#      files (default 20000, about 75 MB, 1,000 a folder) with `dateline bench gen FILES
#      --copy`; the ids they hold are read once with `dateline extract --json`.
#   2. ROUNDS times (default 50), into one archive, each round importing a random run of the
#      folders (so there is always something new to append):
#        - most rounds: `dateline import` in the background, `kill -9` after 0–3 s ($RANDOM);
#        - every 10th round: the import runs to completion;
#        - every 3rd round (not a 10th): a watcher round. `dateline watch DROP` runs in the
#          background on a drop folder while a random run (100–1,000) of one folder's copy
#          files lands there in chunks, each chunk one way at random: `cp` into a new
#          folder, each file written as `NAME.part` then renamed into place, a folder
#          filled elsewhere and `mv`ed in whole, or a few files written slowly (half, a
#          pause with the file held open, the rest). The watcher is `kill -9`ed after 0–3 s;
#          in half of these rounds an import of a run of the folders runs at the same time
#          (two writers, serialised by the archive's lock), killed after 0–3 s or left to
#          finish. Every 5th watcher round is a stop instead: a first part is dropped and
#          must all be in the archive within 60 s, then SIGTERM lands 0–3 s into a second
#          part; the watcher must exit 0 and the first part's ids must be there.
#        - every 7th round (not a 3rd): two imports of overlapping folders at once, each
#          either killed or left to finish (each must exit 0 or die by the kill).
#      After every round `dateline bench check` must pass: every line whole, no id twice, the
#      saved index equal to a rebuild, list and search in agreement, and every id that an
#      earlier check saw committed still there, exactly once (--expect-ids; what a reader has
#      seen must never be lost). And no id may be one no copy file holds (a file imported
#      half written makes one). When the archive holds every copy file, the next round starts
#      a new archive (and a new drop folder), so kills keep landing in appends.
#   3. A final import of every folder and the drop folder, and a final check: every story of
#      the copy files is in the archive exactly once (as many ids as `bench gen` wrote
#      versions, as many `list` rows as it wrote stories), no journal or temporary file left
#      behind.
#
# Prints a line a round and a summary: `torture: N rounds (W with the watcher), K kills (WK of
# the watcher), M stories committed, P problems`. Exit 0 when no problem was found, 1
# otherwise.
#
# Environment: TORTURE_KEEP=1 keeps the work folder (printed); TORTURE_KEEP_GOING=1 carries
# on after a round with problems (the default stops there); TORTURE_SEED=N replays a run's
# random choices (not the timing); TORTURE_BIN=PATH tests that binary instead of building one.
set -euo pipefail

rounds=${1:-50}
files=${2:-20000}
cd "$(dirname "$0")/.."

if [ -n "${TORTURE_BIN:-}" ]; then
  bin=$TORTURE_BIN
else
  echo "torture: building the release binary"
  cargo build --locked --release --quiet --bin dateline
  target_dir=$(cargo metadata --format-version 1 --no-deps |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
  bin=$target_dir/release/dateline
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/dateline-torture.XXXXXX")
pids=()
cleanup() {
  for pid in "${pids[@]}"; do
    kill -9 "$pid" 2>/dev/null || true
  done
  if [ "${TORTURE_KEEP:-0}" = 1 ]; then
    echo "torture: kept $work"
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT

seed=${TORTURE_SEED:-$(((RANDOM << 15) | RANDOM))}
RANDOM=$seed
echo "torture: seed $seed (TORTURE_SEED=$seed replays it), work folder $work"

copies=$work/copies
logs=$work/logs
mkdir -p "$logs"
"$bin" bench gen "$files" --copy "$copies" 2>"$logs/gen.log"
# "generated V versions of S stories, …"
read -r versions stories < <(sed -n 's/^generated \([0-9]*\) versions of \([0-9]*\) stories.*/\1 \2/p' "$logs/gen.log")
folders=()
for folder in "$copies"/*/; do
  folders+=("${folder%/}")
done
nfolders=${#folders[@]}
# The ids of `extract --json` lines, one a line.
ids_py=$work/ids.py
cat >"$ids_py" <<'PY'
import json, sys
for line in sys.stdin:
    if line.strip():
        print(json.loads(line)["id"])
PY
# shellcheck disable=SC2016 # $1…$3 are the inner shell's arguments
printf '%s\n' "${folders[@]}" |
  xargs -P "$(nproc)" -I{} sh -c '"$1" extract --json "$2" | python3 "$3" >"$2.ids"' _ "$bin" {} "$ids_py"
cat "$copies"/*.ids >"$work/all-ids"
rm "$copies"/*.ids
sort -u "$work/all-ids" -o "$work/all-ids.sorted"
echo "torture: $versions versions of $stories stories in $nfolders folders ($(wc -l <"$work/all-ids") ids)"

archive=$work/archive.jsonl
expected=$work/expected-ids
: >"$expected"
kills=0 problems=0 committed=0 archives=1 filled=0 fruitless=0 unusable=0 rollbacks=0 reindexed=0 round=0

# A random run of the folders, wrapping round: at least half of them.
window() {
  local half=$(((nfolders + 1) / 2))
  local length=$((half + RANDOM % (nfolders - half + 1)))
  local start=$((RANDOM % nfolders)) i
  for ((i = 0; i < length; i++)); do
    echo "${folders[(start + i) % nfolders]}"
  done
}

# Milliseconds to sleep for, 0–3000, as `sleep` takes them.
delay() {
  local ms=$((RANDOM % 3001))
  printf '%d.%03d' $((ms / 1000)) $((ms % 1000))
}

stories_in() {
  if [ -f "$archive" ]; then wc -l <"$archive"; else echo 0; fi
}

# Starts an import of the folders in file $1 in the background, logging to $2; sets $pid.
start_import() {
  local list=()
  mapfile -t list <"$1"
  "$bin" --archive "$archive" import "${list[@]}" >"$2" 2>&1 &
  pid=$!
  pids+=("$pid")
}

# Waits for $1 (in this shell: a subshell cannot wait for it) and sets $how to how it ended:
# "finished" (exit 0), "killed" (by our kill -9), or "exit N" — a problem.
ended() {
  local status=0
  # (Quietly: bash would report the kill on stderr.)
  wait "$1" 2>/dev/null || status=$?
  case $status in
    0) how=finished ;;
    137) how=killed ;;
    *) how="exit $status" ;;
  esac
}

# The round's problems so far (exit codes that are not 0 or a kill).
round_problems=0
judge() {
  case $1 in
    finished) ;;
    killed) kills=$((kills + 1)) ;;
    *)
      round_problems=$((round_problems + 1))
      echo "  problem: an import ended with $1 (log: $2)"
      sed 's/^/    /' "$2" | tail -n 5
      ;;
  esac
}

# Kills $2 after $1 seconds (if it is still there).
killer() {
  sleep "$1"
  kill -9 "$2" 2>/dev/null || true
}

# The watcher's side. Copy files land in $drop, one folder per chunk; `mv` chunks are
# filled in $stage first (the same file system, so `mv` is a rename).
drop=$work/drop
stage=$work/stage
mkdir -p "$drop" "$stage"
wrounds=0 wkills=0 wstops=0 dropped=0

# `wait_ids.py ARCHIVE IDS SECONDS`: waits until every id listed in IDS is the id of a line of
# ARCHIVE (read as it grows; from the start again if it shrinks: a rollback), or the time is
# up; prints how many are missing.
wait_py=$work/wait_ids.py
cat >"$wait_py" <<'PY'
import json, os, sys, time
archive, ids, limit = sys.argv[1], sys.argv[2], float(sys.argv[3])
with open(ids) as f:
    missing = set(f.read().split())
deadline = time.monotonic() + limit
offset, seen = 0, set()
while True:
    size = os.path.getsize(archive) if os.path.exists(archive) else 0
    if size < offset:
        offset, seen = 0, set()
    if size > offset:
        with open(archive, "rb") as f:
            f.seek(offset)
            for line in f:
                if not line.endswith(b"\n"):
                    break
                offset += len(line)
                try:
                    seen.add(json.loads(line)["id"])
                except (ValueError, KeyError, TypeError):
                    pass
    if not missing - seen or time.monotonic() > deadline:
        break
    time.sleep(0.5)
print(len(missing - seen))
PY

# A random run (100–1,000) of one folder's copy files, a path a line.
drop_run() {
  local folder=${folders[RANDOM % nfolders]} all=() n start i
  mapfile -t all < <(find "$folder" -type f | sort)
  n=$((100 + RANDOM % 901))
  if ((n > ${#all[@]})); then n=${#all[@]}; fi
  start=$((RANDOM % (${#all[@]} - n + 1)))
  for ((i = 0; i < n; i++)); do
    echo "${all[start + i]}"
  done
}

# Splits the files listed in $1 into chunks that each land one way, and writes the plan to
# $2: a line a chunk, `WAY FOLDER PAUSE LIST`. The choices are made here, in this shell, so
# that TORTURE_SEED replays them ($RANDOM is not shared with a background job).
plan_drop() {
  local all=() i=0 k=0 n way ways=(cp part mv slow)
  mapfile -t all <"$1"
  : >"$2"
  while ((i < ${#all[@]})); do
    way=${ways[RANDOM % 4]}
    if [ "$way" = slow ]; then n=$((2 + RANDOM % 4)); else n=$((20 + RANDOM % 281)); fi
    printf '%s\n' "${all[@]:i:n}" >"$2.$k"
    echo "$way $3-$k 0.$((1 + RANDOM % 5)) $2.$k" >>"$2"
    i=$((i + n)) k=$((k + 1))
  done
}

# Lands the files as the plan $1 says: `cp` of the chunk into a new folder; each file
# written as NAME.part and renamed into place; a folder filled in $stage and moved in whole;
# each file written slowly (half, a pause with the file held open, the rest).
drop_files() {
  local way dir pause list list_files=() f half
  while read -r way dir pause list; do
    mapfile -t list_files <"$list"
    case $way in
      cp)
        mkdir "$drop/$dir"
        cp -t "$drop/$dir" -- "${list_files[@]}"
        ;;
      part)
        mkdir "$drop/$dir"
        for f in "${list_files[@]}"; do
          cp -- "$f" "$drop/$dir/${f##*/}.part"
          mv -- "$drop/$dir/${f##*/}.part" "$drop/$dir/${f##*/}"
        done
        ;;
      mv)
        mkdir "$stage/$dir"
        cp -t "$stage/$dir" -- "${list_files[@]}"
        mv -- "$stage/$dir" "$drop/$dir"
        ;;
      slow)
        mkdir "$drop/$dir"
        for f in "${list_files[@]}"; do
          half=$(($(stat -c %s -- "$f") / 2))
          {
            head -c "$half" -- "$f"
            sleep "$pause"
            tail -c "+$((half + 1))" -- "$f"
          } >"$drop/$dir/${f##*/}"
        done
        ;;
    esac
  done <"$1"
}

# Starts `dateline watch` on the drop folder in the background, logging to $1; sets $pid.
start_watcher() {
  "$bin" --archive "$archive" watch "$drop" >"$1" 2>&1 &
  pid=$!
  pids+=("$pid")
}

# Starts landing the files of plan $1 in the background; sets $pid.
start_drop() {
  drop_files "$1" &
  pid=$!
  pids+=("$pid")
  dropped=$((dropped + $(cat "${1}".* | wc -l)))
}

# A watcher must end as $1 says ("killed" or "finished"); $2 is how it ended, $3 its log.
judge_watcher() {
  if [ "$2" = "$1" ]; then
    if [ "$2" = killed ]; then
      kills=$((kills + 1)) wkills=$((wkills + 1))
    fi
  else
    round_problems=$((round_problems + 1))
    echo "  problem: the watcher ended with $2, not $1 (log: $3)"
    sed 's/^/    /' "$3" | tail -n 5
  fi
}

# A background drop ($1) must have landed every file.
judge_drop() {
  local status=0
  wait "$1" || status=$?
  if ((status != 0)); then
    round_problems=$((round_problems + 1))
    echo "  problem: landing the files failed (exit $status)"
  fi
}

for ((round = 1; round <= rounds; round++)); do
  tag=$(printf 'round-%03d' "$round")
  before=$(stories_in)
  round_problems=0
  round_expected=$expected
  window >"$logs/$tag.folders"
  if ((round % 10 == 0)); then
    start_import "$logs/$tag.folders" "$logs/$tag.import.log"
    ended "$pid"
    judge "$how" "$logs/$tag.import.log"
    what="complete: $how"
  elif ((round % 3 == 0)); then
    wrounds=$((wrounds + 1))
    drop_run >"$logs/$tag.drop"
    plan_drop "$logs/$tag.drop" "$logs/$tag.plan" "$tag"
    if ((wrounds % 5 == 0)); then
      # A stop: the first part must all be imported, then SIGTERM lands during a second part.
      drop_run >"$logs/$tag.drop2"
      plan_drop "$logs/$tag.drop2" "$logs/$tag.plan2" "$tag-b"
      mapfile -t first <"$logs/$tag.drop"
      "$bin" extract --json "${first[@]}" 2>/dev/null | python3 "$ids_py" >"$logs/$tag.drop.ids"
      start_watcher "$logs/$tag.watch.log"
      w=$pid
      start_drop "$logs/$tag.plan"
      judge_drop "$pid"
      missing=$(python3 "$wait_py" "$archive" "$logs/$tag.drop.ids" 60)
      if ((missing > 0)); then
        round_problems=$((round_problems + 1))
        echo "  problem: $missing of the $(wc -l <"$logs/$tag.drop.ids") stories dropped were not in the archive 60 s later"
      fi
      start_drop "$logs/$tag.plan2"
      dp=$pid
      d=$(delay)
      sleep "$d"
      kill -TERM "$w" 2>/dev/null || true
      ended "$w"
      judge_watcher finished "$how" "$logs/$tag.watch.log"
      judge_drop "$dp"
      wstops=$((wstops + 1))
      # Everything of the first part must be there, once, and stay.
      round_expected=$work/round-expected
      sort -u "$expected" "$logs/$tag.drop.ids" -o "$round_expected"
      what="watcher stop: $(wc -l <"$logs/$tag.drop.ids") stories dropped and in; SIGTERM at $d s into more: $how"
    else
      start_watcher "$logs/$tag.watch.log"
      w=$pid
      start_drop "$logs/$tag.plan"
      dp=$pid
      imp=""
      if ((RANDOM % 2)); then
        start_import "$logs/$tag.folders" "$logs/$tag.import.log"
        imp=$pid
        kill_i=$((RANDOM % 2)) di=$(delay)
        if ((kill_i)); then killer "$di" "$imp" & fi
      fi
      d=$(delay)
      sleep "$d"
      kill -9 "$w" 2>/dev/null || true
      ended "$w"
      judge_watcher killed "$how" "$logs/$tag.watch.log"
      what="watcher kill at $d s: $how"
      if [ -n "$imp" ]; then
        ended "$imp"
        judge "$how" "$logs/$tag.import.log"
        if ((kill_i)); then how="$how (kill at $di s)"; fi
        what="$what; an import at once: $how"
      fi
      judge_drop "$dp"
      wait # the killer
    fi
    what="$what ($(cat "$logs/$tag".plan*.* | wc -l) files landing)"
  elif ((round % 7 == 0)); then
    # Two imports of overlapping runs of folders at once: the second starts a quarter on.
    mapfile -t first <"$logs/$tag.folders"
    shift_by=$(((nfolders + 3) / 4))
    for f in "${first[@]}"; do
      for ((i = 0; i < nfolders; i++)); do
        if [ "${folders[i]}" = "$f" ]; then echo "${folders[(i + shift_by) % nfolders]}"; fi
      done
    done >"$logs/$tag.folders2"
    start_import "$logs/$tag.folders" "$logs/$tag.import.log"
    a=$pid
    start_import "$logs/$tag.folders2" "$logs/$tag.import2.log"
    b=$pid
    kill_a=$((RANDOM % 2)) kill_b=$((RANDOM % 2))
    da=$(delay) db=$(delay)
    if ((kill_a)); then killer "$da" "$a" & fi
    if ((kill_b)); then killer "$db" "$b" & fi
    ended "$a"
    how_a=$how
    ended "$b"
    how_b=$how
    wait # the killers
    judge "$how_a" "$logs/$tag.import.log"
    judge "$how_b" "$logs/$tag.import2.log"
    if ((kill_a)); then how_a="$how_a (kill at $da s)"; fi
    if ((kill_b)); then how_b="$how_b (kill at $db s)"; fi
    what="two at once: $how_a, $how_b"
  else
    start_import "$logs/$tag.folders" "$logs/$tag.import.log"
    d=$(delay)
    sleep "$d"
    kill -9 "$pid" 2>/dev/null || true
    ended "$pid"
    judge "$how" "$logs/$tag.import.log"
    what="kill at $d s: $how"
  fi
  pids=()

  check_rc=0
  "$bin" --archive "$archive" bench check --expect-ids "$round_expected" --dump-ids "$work/ids-now" \
    >"$logs/$tag.check.log" 2>&1 || check_rc=$?
  if grep -q '^repair:' "$logs/$tag.check.log"; then rollbacks=$((rollbacks + 1)); fi
  # An import that found the index unusable rebuilt it (said for archives from 64 MB).
  if grep -qs 'dateline: indexed .* stories of' "$logs/$tag".import*.log "$logs/$tag".watch.log; then
    reindexed=$((reindexed + 1))
  fi
  if grep -q '^problem: index: not usable' "$logs/$tag.check.log"; then unusable=$((unusable + 1)); fi
  case $check_rc in
    0) verdict="check ok" ;;
    1)
      found=$(sed -n 's/^check: \([0-9]*\) problems\{0,1\}$/\1/p' "$logs/$tag.check.log")
      round_problems=$((round_problems + found))
      verdict="check: $found problem(s)"
      ;;
    *)
      round_problems=$((round_problems + 1))
      verdict="check failed to run (exit $check_rc)"
      ;;
  esac
  # What a reader has now seen committed must never be lost.
  if [ -f "$work/ids-now" ]; then
    sort -u "$expected" "$work/ids-now" -o "$expected"
    # And every story must be one a copy file holds: a file imported before it was whole
    # makes a story (or version) of its own.
    sort -u "$work/ids-now" | comm -23 - "$work/all-ids.sorted" >"$logs/$tag.strays"
    if [ -s "$logs/$tag.strays" ]; then
      round_problems=$((round_problems + 1))
      echo "  problem: $(wc -l <"$logs/$tag.strays") id(s) that no copy file holds, first:" \
        "$(head -n 3 "$logs/$tag.strays" | tr '\n' ' ')(a file imported before it was whole?)"
    fi
  fi
  after=$(stories_in)
  if [[ $what == "kill at"*killed ]] && ((after == before)); then
    fruitless=$((fruitless + 1))
  fi
  printf 'round %d/%d, %s; %d -> %d lines (%+d); %s\n' \
    "$round" "$rounds" "$what" "$before" "$after" $((after - before)) "$verdict"
  if ((check_rc != 0)); then
    grep -E '^(repair|problem):' "$logs/$tag.check.log" | sed 's/^/  /'
  fi
  problems=$((problems + round_problems))
  if ((round_problems > 0)) && [ "${TORTURE_KEEP_GOING:-0}" != 1 ]; then
    echo "torture: stopping at round $round (TORTURE_KEEP_GOING=1 carries on)"
    rounds=$round
    break
  fi
  if ((after == versions)); then
    # Every copy file is in: a new archive, so that kills land in appends again.
    echo "  the archive holds every copy file: starting archive $((archives + 1))"
    committed=$((committed + after))
    archives=$((archives + 1))
    filled=$((filled + 1))
    mkdir -p "$work/full-$archives"
    mv "$archive"* "$drop" "$work/full-$archives/"
    mkdir "$drop"
    : >"$expected"
  fi
done

if ((problems == 0)) || [ "${TORTURE_KEEP_GOING:-0}" = 1 ]; then
  echo "torture: final import of every folder and the drop folder"
  final_rc=0
  "$bin" --archive "$archive" import "$copies" "$drop" >"$logs/final.import.log" 2>&1 || final_rc=$?
  if ((final_rc != 0)); then
    problems=$((problems + 1))
    echo "  problem: the final import exited $final_rc"
    tail -n 5 "$logs/final.import.log" | sed 's/^/    /'
  fi
  sort -u "$expected" "$work/all-ids" -o "$expected"
  check_rc=0
  "$bin" --archive "$archive" bench check --expect-ids "$expected" --dump-ids "$work/ids-now" \
    >"$logs/final.check.log" 2>&1 || check_rc=$?
  sed 's/^/  /' "$logs/final.check.log"
  if ((check_rc != 0)); then
    found=$(sed -n 's/^check: \([0-9]*\) problems\{0,1\}$/\1/p' "$logs/final.check.log")
    problems=$((problems + ${found:-1}))
  fi
  ids=$(wc -l <"$work/ids-now")
  distinct=$(sort -u "$work/ids-now" | wc -l)
  rows=$("$bin" --archive "$archive" list --json | wc -l)
  echo "  final: $ids ids, $distinct distinct, $rows list rows; bench gen wrote $versions versions of $stories stories"
  if ((ids != versions || distinct != versions || rows != stories)); then
    problems=$((problems + 1))
    echo "  problem: the archive does not hold every copy file exactly once"
  fi
  leftovers=$(find "$work" -maxdepth 1 \( -name '.archive.jsonl.*.tmp' -o -name 'archive.jsonl.pending' \) | wc -l)
  if ((leftovers > 0)); then
    problems=$((problems + 1))
    echo "  problem: $leftovers temporary or journal files left after a finished import"
  fi
  committed=$((committed + ids))
fi

echo "torture: findings: $fruitless of the killed single imports committed nothing;" \
  "$rollbacks checks rolled back an interrupted import first;" \
  "$dropped files landed in the drop folder; $wstops watcher(s) stopped by SIGTERM;" \
  "$unusable rounds left an index readers would rebuild;" \
  "$reindexed rounds had an import index the whole archive again; $filled archive(s) filled before the final one"
echo "torture: $rounds rounds ($wrounds with the watcher), $kills kills ($wkills of the watcher)," \
  "$committed stories committed, $problems problems"
((problems == 0))
