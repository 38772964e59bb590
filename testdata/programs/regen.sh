#!/bin/sh
# regen.sh: regenerate the expected results of the test programs in this directory from CPython.
#
# For every NAME.py (or only the ones named on the command line) it runs `python3 NAME.py` from this
# directory, with no arguments, and writes
#   NAME.out  the program's stdout, byte for byte;
#   NAME.err  the LAST line of its stderr (with its newline), or an empty file when stderr is empty;
#   NAME.rc   its exit status followed by a newline.
# This is the format of ../../../shared/pysubset. The expected files must always come from CPython
# 3.11 (the reference of SUBSET.md), never be written by hand; the script refuses another version.
#
# Usage: sh testdata/programs/regen.sh            # every program
#        sh testdata/programs/regen.sh 101_x.py   # only some
set -u
cd "$(dirname "$0")" || exit 1
PY=${PYTHON:-python3}
ver=$("$PY" -c 'import sys; print("%d.%d" % sys.version_info[:2])') || exit 1
if [ "$ver" != "3.11" ]; then
    echo "regen.sh: need CPython 3.11, $PY is $ver" >&2
    exit 1
fi
if [ $# -eq 0 ]; then
    set -- *.py
fi
tmp=$(mktemp) || exit 1
trap 'rm -f "$tmp"' EXIT
for py in "$@"; do
    base=${py%.py}
    PYTHONIOENCODING=utf-8 PYTHONHASHSEED=0 PYTHONDONTWRITEBYTECODE=1 \
        "$PY" "$base.py" >"$base.out" 2>"$tmp" </dev/null
    echo $? >"$base.rc"
    tail -n 1 "$tmp" >"$base.err"
    echo "$base: rc=$(cat "$base.rc") $(cat "$base.err")"
done
