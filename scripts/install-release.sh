#!/usr/bin/env bash
# Installs a sayso release archive for this runner's OS and architecture and puts sayso on
# PATH: the install step of the GitHub Action (action.yml). It reads
#
#   SAYSO_VERSION        the release tag, e.g. v0.1.0 (required)
#   SAYSO_REPOSITORY     owner/name of the repository with the releases (default: $GITHUB_REPOSITORY)
#   SAYSO_SERVER         default: $GITHUB_SERVER_URL, else https://github.com
#   SAYSO_DOWNLOAD_BASE  where the archives are (default: SERVER/REPOSITORY/releases/download/VERSION;
#                        any URL curl reads, file:// included)
#   RUNNER_OS, RUNNER_ARCH  set by GitHub's runners (Linux|macOS|Windows, X64|ARM64)
#   RUNNER_TOOL_CACHE    the install goes to RUNNER_TOOL_CACHE/sayso/VERSION/TARGET
#   GITHUB_PATH          the folder of the binary is appended to it (on PATH for later steps)
#
# It downloads sayso-VERSION-TARGET.tar.gz (.zip on Windows) and its .sha256, as
# scripts/release-archive.sh names them, and refuses an archive whose checksum differs.
set -euo pipefail
fail() {
    echo "::error title=sayso::$*" >&2
    exit 1
}
version=${SAYSO_VERSION:-}
[ -n "$version" ] || fail "no version: set the action's 'version' input (a release tag such as v0.1.0) or use the action at a release tag"
case "${RUNNER_OS:-}-${RUNNER_ARCH:-}" in
    Linux-X64) target=x86_64-unknown-linux-gnu ;;
    Linux-ARM64) target=aarch64-unknown-linux-gnu ;;
    macOS-X64) target=x86_64-apple-darwin ;;
    macOS-ARM64) target=aarch64-apple-darwin ;;
    Windows-X64) target=x86_64-pc-windows-msvc ;;
    *) fail "no sayso release archive for ${RUNNER_OS:-?} on ${RUNNER_ARCH:-?}: install it with cargo install --locked sayso" ;;
esac
case "$target" in
    *windows*) ext=zip exe=sayso.exe ;;
    *) ext=tar.gz exe=sayso ;;
esac
name="sayso-${version}-${target}"
repo=${SAYSO_REPOSITORY:-${GITHUB_REPOSITORY:-}}
server=${SAYSO_SERVER:-${GITHUB_SERVER_URL:-https://github.com}}
base=${SAYSO_DOWNLOAD_BASE:-$server/$repo/releases/download/$version}
dest="${RUNNER_TOOL_CACHE:-${RUNNER_TEMP:-${TMPDIR:-/tmp}}}/sayso/$version/$target"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "sayso: downloading $base/$name.$ext"
curl -fsSL --retry 3 -o "$work/$name.$ext" "$base/$name.$ext" || fail "cannot download $base/$name.$ext"
curl -fsSL --retry 3 -o "$work/$name.$ext.sha256" "$base/$name.$ext.sha256" || fail "cannot download $base/$name.$ext.sha256"
if command -v sha256sum > /dev/null; then sum=(sha256sum); else sum=(shasum -a 256); fi
want=$(cut -d' ' -f1 < "$work/$name.$ext.sha256")
got=$(cd "$work" && "${sum[@]}" "$name.$ext" | cut -d' ' -f1)
[ "$want" = "$got" ] || fail "checksum mismatch for $name.$ext: expected $want, got $got"
if [ "$ext" = zip ]; then
    if command -v unzip > /dev/null; then
        unzip -q "$work/$name.zip" -d "$work"
    else
        7z x -bd -o"$work" "$work/$name.zip" > /dev/null
    fi
else
    tar -xzf "$work/$name.tar.gz" -C "$work"
fi
[ -f "$work/$name/$exe" ] || fail "$name.$ext has no $name/$exe"
rm -rf "$dest"
mkdir -p "$dest"
cp -R "$work/$name/." "$dest/"
chmod +x "$dest/$exe"
if [ -n "${GITHUB_PATH:-}" ]; then
    echo "$dest" >> "$GITHUB_PATH"
fi
if [ -n "${GITHUB_OUTPUT:-}" ]; then
    echo "path=$dest/$exe" >> "$GITHUB_OUTPUT"
fi
echo "sayso: $("$dest/$exe" --version) installed in $dest"
