#!/bin/bash
# Drive the real window as a user, keyboard only, under Xvfb, and keep a screenshot of each step:
#   xvfb-run -a -s "-screen 0 1366x768x24" scripts/drive_window.sh 1366x768 [OUT]
# Empty start; then the sample guide: a general question typed, undo typing, undo adding, redo,
# the session plan tab, Ctrl+7 with four categories, Help > User Guide, Help > Keyboard Shortcuts,
# closing with unsaved work. Settings and folders are in a temporary place. Look at every picture.
set -u
SIZE=$1
OUT=${2:-/tmp/reading-guide-drive-$SIZE}; ROOT=$(cd "$(dirname "$0")/.." && pwd); HOME_=$(mktemp -d)
mkdir -p $OUT
export XDG_CONFIG_HOME=$HOME_/cfg READING_GUIDE_DATA_DIR=$HOME_/data READING_GUIDE_STATE_DIR=$HOME_/state READING_GUIDE_CONFIG_DIR=$HOME_/conf
mkdir -p $XDG_CONFIG_HOME $READING_GUIDE_DATA_DIR $READING_GUIDE_STATE_DIR $READING_GUIDE_CONFIG_DIR
cp $ROOT/guides/sample.guide.yaml $HOME_/sample.guide.yaml
W=${SIZE%x*}; H=${SIZE#*x}
shot() { sleep 0.8; import -window root $OUT/$1.png; }
key() { xdotool key --delay 80 "$@"; sleep 0.4; }
# 1. empty start
$ROOT/.venv/bin/reading-guide & PID=$!
sleep 6
WID=$(xdotool search --sync --name "Reading Guide" | head -1)
xdotool windowsize $WID $W $H; xdotool windowmove $WID 0 0; xdotool windowfocus $WID
shot 01-empty
key ctrl+q
wait $PID
# 2. with the sample guide
$ROOT/.venv/bin/reading-guide $HOME_/sample.guide.yaml & PID=$!
sleep 7
WID=$(xdotool search --sync --name "sample" | head -1)
xdotool windowsize $WID $W $H; xdotool windowmove $WID 0 0; xdotool windowfocus $WID
sleep 1
shot 02-open
key ctrl+shift+g
xdotool type --delay 40 "What surprised you?"
shot 03-general-typed
key Escape
key ctrl+z
shot 04-undo-typing
key ctrl+z
shot 05-undo-add
key ctrl+shift+z
shot 06-redo-add
key alt+2
shot 07-plan
key alt+1
key ctrl+7
shot 08-ctrl7
key F1
shot 09-manual
key Escape
xdotool windowfocus $WID
key ctrl+slash
shot 10-shortcuts
key Escape
xdotool windowfocus $WID
key ctrl+w
shot 11-closed-ask
key Tab
key Return
shot 12-after-answer
key ctrl+q
sleep 1
kill $PID 2>/dev/null
wait $PID 2>/dev/null
rm -rf "$HOME_"
