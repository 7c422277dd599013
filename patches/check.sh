#!/usr/bin/env bash
# Each crate under patches/ is its crates.io release plus patches/NAME.diff, and nothing
# else: this downloads the release (checking the registry's SHA-256 of it), rebuilds the
# copy from it and compares that with the copy kept here, file by file.
#
# The copy is rebuilt in three steps, each written down next to the crate:
#   patches/NAME.omit  paths of the release left out (examples, tests, the web backend…)
#   patches/NAME.gzip  files of the release kept gzipped instead (`gzip -9n`), if any
#   patches/NAME.diff  every other change: `git diff --binary` of the release so reduced
#                      against the copy (talkdeck's changes, licence and rustfmt files)
#
#   bash patches/check.sh           check every crate (CI)
#   bash patches/check.sh --write   after changing a copy: write its .diff anew
#
# An upgrade is: download the new release, apply the three steps to it, fix what does
# not apply, `--write`.
set -euo pipefail
cd "$(dirname "$0")"
write=0
[[ ${1:-} == --write ]] && write=1

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0

# The release as crates.io serves it, checked against the sparse index's checksum.
fetch() {
    local name=$1 version=$2 dest=$3 index
    case ${#name} in
        1) index=1/$name ;;
        2) index=2/$name ;;
        3) index=3/${name:0:1}/$name ;;
        *) index=${name:0:2}/${name:2:2}/$name ;;
    esac
    local want
    want=$(curl -sSfL "https://index.crates.io/$index" |
        grep -E "\"vers\": *\"${version//./\\.}\"" | sed -E 's/.*"cksum": *"([0-9a-f]{64})".*/\1/')
    curl -sSfL -o "$work/$name.crate" "https://static.crates.io/crates/$name/$name-$version.crate"
    local got
    got=$(sha256sum "$work/$name.crate" | cut -d' ' -f1)
    if [[ -z $want || $want != "$got" ]]; then
        echo "$name $version: the download's SHA-256 $got is not the registry's '$want'" >&2
        return 1
    fi
    mkdir -p "$dest"
    tar -xzf "$work/$name.crate" -C "$dest" --strip-components=1
}

while read -r name version; do
    [[ -z $name || $name == \#* ]] && continue
    echo "== $name $version"
    fetch "$name" "$version" "$work/a"
    # Cargo writes these two into every package; neither is part of a path dependency.
    rm -f "$work/a/.cargo_vcs_info.json" "$work/a/Cargo.lock"
    if [[ -f $name.omit ]]; then
        while read -r path; do
            [[ -z $path || $path == \#* ]] && continue
            rm -rf "${work:?}/a/$path"
        done <"$name.omit"
    fi
    if [[ -f $name.gzip ]]; then
        while read -r path; do
            [[ -z $path || $path == \#* ]] && continue
            gzip -9n "$work/a/$path"
        done <"$name.gzip"
    fi
    if ((write)); then
        cp -a "$name" "$work/b"
        (cd "$work" && git diff --no-index --no-prefix --binary a b || true) >"$name.diff"
        echo "wrote patches/$name.diff ($(grep -c '^[-+][^-+]' "$name.diff") changed lines)"
        rm -rf "$work/b"
    else
        (cd "$work/a" && git apply --whitespace=nowarn "$OLDPWD/$name.diff")
        if diff -r "$work/a" "$name" >"$work/out"; then
            echo "patches/$name is $name $version plus patches/$name.diff"
        else
            echo "patches/$name differs from $name $version plus patches/$name.diff:" >&2
            head -50 "$work/out" >&2
            status=1
        fi
    fi
    rm -rf "$work/a"
done <forks.txt
exit $status
