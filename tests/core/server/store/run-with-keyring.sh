#!/bin/sh
# Runs a test inside a private D-Bus session with an unlocked gnome-keyring, the
# way a desktop session provides the Secret Service QtKeychain talks to.
# Exit 77 (ctest: skipped) when the tools are not installed.
command -v dbus-run-session >/dev/null 2>&1 || exit 77
command -v gnome-keyring-daemon >/dev/null 2>&1 || exit 77
home=$(mktemp -d) || exit 1
trap 'rm -rf "$home"' EXIT
HOME=$home XDG_DATA_HOME=$home/.local/share PROVSTATION_TEST_REQUIRE_KEYCHAIN=1 \
    dbus-run-session -- sh -c 'printf pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$@"' sh "$@"
