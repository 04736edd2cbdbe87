#!/usr/bin/env bash
# Install dlplayground into a freedesktop desktop (menu entry, icons, file type, AppStream data).
#
# Usage: packaging/install.sh [--bundle] [--prefix DIR] [--uninstall]
#   (default)     integrate the `dlplayground` command already installed (pip install .)
#   --bundle      also install the PyInstaller bundle dist/dlplayground/ into PREFIX/lib/ and
#                 link PREFIX/bin/dlplayground to it
#   --prefix DIR  where to install (default: ~/.local; /usr/local for every user, as root)
#   --uninstall   remove what an install put there
#
# Installs PREFIX/share/applications/dlplayground.desktop (Exec made an absolute path, since a
# desktop session's PATH often lacks ~/.local/bin), the hicolor icons, the metainfo and the
# application/x-dlplayground-project MIME type for *.dlp.json, then refreshes the caches that
# exist on this system.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
prefix="$HOME/.local"
bundle=0
uninstall=0
while [[ $# -gt 0 ]]; do
    case "$1" in
        --bundle) bundle=1; shift ;;
        --prefix) prefix="${2:?--prefix needs a directory}"; shift 2 ;;
        --uninstall) uninstall=1; shift ;;
        -h|--help) sed -n '2,/^$/p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "install.sh: unknown option: $1 (see --help)" >&2; exit 2 ;;
    esac
done

share="$prefix/share"
desktop="$share/applications/dlplayground.desktop"
metainfo="$share/metainfo/io.github.dlplayground.metainfo.xml"
mime="$share/mime/packages/dlplayground.xml"
bundle_dir="$prefix/lib/dlplayground"
bin="$prefix/bin/dlplayground"
icon_files=()
while IFS= read -r -d '' icon; do
    icon_files+=("$share/icons/${icon#"$ROOT/assets/icons/"}")
done < <(find "$ROOT/assets/icons/hicolor" -type f -print0)

refresh_caches() {
    # Each tool is optional; a desktop without it rescans on its own.
    if command -v update-mime-database >/dev/null; then update-mime-database "$share/mime" || true; fi
    if command -v update-desktop-database >/dev/null; then
        update-desktop-database "$share/applications" || true
    fi
    if command -v gtk-update-icon-cache >/dev/null && [[ -f "$share/icons/hicolor/index.theme" ]]; then
        gtk-update-icon-cache --quiet "$share/icons/hicolor" || true
    fi
}

if [[ $uninstall -eq 1 ]]; then
    rm -f "$desktop" "$metainfo" "$mime" "${icon_files[@]}"
    if [[ -L "$bin" && "$(readlink "$bin")" == "$bundle_dir/dlplayground" ]]; then
        rm -f "$bin"
    fi
    [[ -d "$bundle_dir" ]] && rm -rf "$bundle_dir"
    mkdir -p "$share/mime" "$share/applications"
    refresh_caches
    echo "removed dlplayground from $prefix"
    exit 0
fi

if [[ $bundle -eq 1 ]]; then
    [[ -x "$ROOT/dist/dlplayground/dlplayground" ]] \
        || { echo "install.sh: no bundle in dist/dlplayground: run packaging/build.sh first" >&2; exit 1; }
    mkdir -p "$prefix/lib" "$prefix/bin"
    rm -rf "$bundle_dir.new"
    cp -a "$ROOT/dist/dlplayground" "$bundle_dir.new"
    rm -rf "$bundle_dir"
    mv "$bundle_dir.new" "$bundle_dir"
    ln -sfn "$bundle_dir/dlplayground" "$bin"
    command_path="$bin"
else
    command_path="$(command -v dlplayground || true)"
    if [[ -z "$command_path" ]]; then
        echo "install.sh: the dlplayground command is not on PATH: pip install it, or use --bundle" >&2
        exit 1
    fi
fi

mkdir -p "$(dirname "$desktop")" "$(dirname "$metainfo")" "$(dirname "$mime")" "$share/icons"
sed -e "s|^Exec=dlplayground |Exec=$command_path |" -e "s|^TryExec=dlplayground$|TryExec=$command_path|" \
    "$ROOT/packaging/dlplayground.desktop" >"$desktop"
cp "$ROOT/packaging/io.github.dlplayground.metainfo.xml" "$metainfo"
cp "$ROOT/packaging/dlplayground-mime.xml" "$mime"
cp -r "$ROOT/assets/icons/hicolor" "$share/icons/"
refresh_caches
echo "installed dlplayground into $prefix (runs $command_path)"
