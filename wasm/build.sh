#!/usr/bin/env bash
# Build the analyzer Wasm module reproducibly and install it into the package.
#
#   wasm/build.sh           build, copy to arcjet_core/analyze/arcjet_analyzer.wasm
#   wasm/build.sh --check   rebuild in a temporary directory; exit 1 if the bytes
#                           differ from the committed module (CI runs this)
#
# Offline: Debian's rustc/cargo and librust-*-dev crates through the source
# replacement in wasm/.cargo/config.toml. Reproducible: paths are remapped,
# CARGO_HOME and the target dir live under the build dir, nothing embeds a
# timestamp, the crate graph is pinned by Cargo.lock.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
PKG="$ROOT/arcjet_core/analyze"
MODULE=arcjet_analyzer.wasm

PACKAGES=(rustc cargo libstd-rust-dev-wasm32 lld librust-regex-dev librust-aho-corasick-dev
          librust-serde-dev librust-serde-derive-dev librust-serde-json-dev librust-memchr-dev)

ensure_packages() {
    local missing=()
    for p in "${PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    if ((${#missing[@]})); then
        echo "build.sh: installing ${missing[*]}" >&2
        if [[ $(id -u) -ne 0 ]]; then
            echo "build.sh: need root to apt-get install ${missing[*]}" >&2
            exit 2
        fi
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
    fi
}

# build SRC_DIR OUT_WASM PY_DATA_DIR
build() {
    local src="$1" out="$2" pydata="$3"
    python3 "$src/gen_bots.py" \
        --bots "$src/data/well-known-bots/well-known-bots.json" \
        --ranges "$src/data/bot_ranges.json" \
        --rust-out "$src/src/generated/bots.rs" --py-out "$pydata" >&2
    python3 "$src/gen_crs.py" --rules "$src/data/crs/rules" --out "$src/crs/generated/crs.json" >&2
    (
        cd "$src"
        export CARGO_HOME="$src/.cargo-home"
        export CARGO_TARGET_DIR="$src/target"
        export RUSTC=/usr/bin/rustc
        export SOURCE_DATE_EPOCH=0
        export RUSTFLAGS="--remap-path-prefix=$src=/arcjet-analyzer --remap-path-prefix=$CARGO_HOME=/cargo-home -C target-cpu=generic -C target-feature=+bulk-memory"
        # bulk-memory: memcpy/memset become memory.copy/memory.fill, which
        # wasmtime runs natively (about 5 % of a typical shield request).
        unset CARGO_BUILD_RUSTFLAGS CARGO_ENCODED_RUSTFLAGS RUSTC_WRAPPER
        /usr/bin/cargo build --release --locked --offline --target wasm32-unknown-unknown -q
    )
    cp "$src/target/wasm32-unknown-unknown/release/$MODULE" "$out"
}

copy_sources() {
    # The crate and its path dependencies shield/ and crs/ (crates of their
    # own, each with its own workspace), without build products.
    local dst="$1"
    mkdir -p "$dst"
    (cd "$HERE" && tar --exclude=./target --exclude=./.cargo-home --exclude=./src/generated \
        --exclude=./shield/target --exclude=./crs/generated --exclude=./crs/target \
        --exclude=__pycache__ -cf - .) | tar -C "$dst" -xf -
}

ensure_packages

if [[ "${1:-}" == "--check" ]]; then
    tmp="$(mktemp -d)"
    trap 'rm -rf "$tmp"' EXIT
    copy_sources "$tmp/wasm"
    mkdir -p "$tmp/pydata"
    build "$tmp/wasm" "$tmp/$MODULE" "$tmp/pydata"
    status=0
    if ! cmp -s "$tmp/$MODULE" "$PKG/$MODULE"; then
        echo "build.sh --check: $MODULE differs from a fresh build" \
             "($(sha256sum < "$PKG/$MODULE" | cut -c1-16) committed, $(sha256sum < "$tmp/$MODULE" | cut -c1-16) built)" >&2
        status=1
    fi
    if ! cmp -s "$tmp/pydata/bot_dns_masks.json" "$PKG/data/bot_dns_masks.json"; then
        echo "build.sh --check: data/bot_dns_masks.json differs from a fresh build" >&2
        status=1
    fi
    [[ $status -eq 0 ]] && echo "build.sh --check: $MODULE is reproducible ($(sha256sum < "$tmp/$MODULE" | cut -c1-16))"
    exit $status
fi

mkdir -p "$PKG/data"
build "$HERE" "$PKG/$MODULE" "$PKG/data"
cp "$HERE/data/well-known-bots/LICENSE" "$PKG/data/LICENSE.well-known-bots"
cp "$HERE/data/well-known-bots/SOURCE" "$PKG/data/SOURCE.well-known-bots"
echo "build.sh: $PKG/$MODULE ($(wc -c < "$PKG/$MODULE") bytes, sha256 $(sha256sum < "$PKG/$MODULE" | cut -c1-16))"
