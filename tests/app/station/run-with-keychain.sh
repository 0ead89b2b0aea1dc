#!/bin/sh
# Runs a test inside a private D-Bus session with an unlocked GNOME keyring (the
# Secret Service QtKeychain uses on Linux), in a throwaway HOME. Recipe from
# CONTRIBUTING.md, "Platform notes".
set -e
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export HOME="$home" XDG_DATA_HOME="$home/.local/share" XDG_RUNTIME_DIR="$home/run"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
exec dbus-run-session -- sh -c 'echo -n provstation-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$@"' sh "$@"
