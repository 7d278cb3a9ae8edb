# Installs, idempotently, what the demo and the tests need. Sourced by scripts/demo and
# scripts/test. Everything comes from the package registries (crates.io, Debian, npm, PyPI).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TRUNK_VERSION="0.21.14"
export PATH="$HOME/.cargo/bin:$ROOT/tools/node/node_modules/.bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# The wasm-bindgen version Trunk must use is the one Cargo.lock resolved.
locked_wasm_bindgen_version() {
    awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' \
        "$ROOT/Cargo.lock"
}

ensure_wasm_target() {
    if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
        say "adding the wasm32-unknown-unknown target"
        rustup target add wasm32-unknown-unknown
    fi
}

# cargo install, --locked first; without it if the registry lacks a locked crate.
cargo_install() {
    local crate="$1" version="$2"
    cargo install "$crate" --version "$version" --locked \
        || cargo install "$crate" --version "$version"
}

ensure_trunk() {
    if ! trunk --version 2>/dev/null | grep -q "trunk $TRUNK_VERSION"; then
        say "installing trunk $TRUNK_VERSION"
        cargo_install trunk "$TRUNK_VERSION"
    fi
}

ensure_wasm_bindgen() {
    local want
    want="$(locked_wasm_bindgen_version)"
    if ! wasm-bindgen --version 2>/dev/null | grep -q "wasm-bindgen $want"; then
        say "installing wasm-bindgen-cli $want (the version in Cargo.lock)"
        cargo_install wasm-bindgen-cli "$want"
    fi
}

ensure_node_packages() {
    local dir="$ROOT/tools/node"
    if [ ! -f "$dir/node_modules/.package-lock.json" ] \
        || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
        say "installing Node packages (tools/node)"
        (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    fi
}

# pycognito and boto3, the Python interop peers, in a venv of their own.
ensure_python_packages() {
    local venv="$ROOT/.tools/venv" requirements="$ROOT/tools/python/requirements.txt"
    if [ ! -f "$venv/.installed" ] || [ "$requirements" -nt "$venv/.installed" ]; then
        say "installing Python packages (tools/python) into .tools/venv"
        python3 -m venv "$venv"
        "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements"
        touch "$venv/.installed"
    fi
}

ensure_chromium() {
    if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
        say "installing Debian's chromium and chromium-driver"
        local sudo=""
        [ "$(id -u)" -eq 0 ] || sudo="sudo"
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver
    fi
}

# espeak-ng (Debian): local-cognito's built-in CAPTCHA speaks its digits with it, the
# alternative to the picture for people who cannot see it.
ensure_speech() {
    if ! command -v espeak-ng >/dev/null; then
        say "installing Debian's espeak-ng (the CAPTCHA's spoken digits)"
        local sudo=""
        [ "$(id -u)" -eq 0 ] || sudo="sudo"
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq espeak-ng
    fi
}

# The tools the app's build needs (demo and tests).
ensure_build_tools() {
    ensure_wasm_target
    ensure_node_packages
    ensure_trunk
    ensure_wasm_bindgen
    # Crates for every target, so Trunk's offline cargo build finds them.
    cargo fetch --manifest-path "$ROOT/Cargo.toml" --quiet
}
