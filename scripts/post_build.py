"""Trunk post-build hook: minifies the JavaScript glue (release builds) and pins the inline
scripts Trunk generates in the Content-Security-Policy.

1. Release only: wasm-bindgen's glue is written for reading, not for the wire. esbuild (from
   tools/node, installed by the two commands) minifies it (~1.5 KB less after brotli); the
   `integrity` attributes Trunk wrote for it are recomputed so Subresource Integrity still holds.
2. index.html carries a strict CSP with the placeholder TRUNK_INLINE_SCRIPT_HASHES in script-src;
   Trunk writes an inline <script type="module"> that loads the WASM (and, under `trunk serve`, a
   live-reload script). Each inline script's SHA-256 replaces the placeholder, so nothing else
   inline can run. Under `trunk serve`, the live-reload script is allowed by the nonce Trunk
   writes afresh into every response instead (its content depends on the host it is served to).

3. The first screen comes with the HTML: the page's binary, built natively, prints the username
   form as the app renders it first (Yew's server renderer over the same view); it goes into
   `<div id="app">`, which the app takes over, keeping what was typed. A person can start typing
   at first paint instead of after the WASM has loaded and started.

All steps live in one hook because Trunk runs the hooks of a stage concurrently.
"""

import base64
import hashlib
import os
import re
import shutil
import subprocess
import sys

PLACEHOLDER = "TRUNK_INLINE_SCRIPT_HASHES"

staging = os.environ["TRUNK_STAGING_DIR"]
path = os.path.join(staging, "index.html")
with open(path, encoding="utf-8") as file:
    html = file.read()


def esbuild():
    local = os.path.join(os.environ.get("TRUNK_SOURCE_DIR", "."), "tools/node/node_modules/.bin/esbuild")
    found = local if os.path.exists(local) else shutil.which("esbuild")
    if found is None:
        sys.exit("esbuild is missing: run ./scripts/test or ./scripts/demo, which install it")
    return found


def digest(algorithm, data):
    return base64.b64encode(hashlib.new(algorithm, data).digest()).decode()


def minify_glue(html):
    for name in sorted(os.listdir(staging)):
        if not name.endswith(".js"):
            continue
        script = os.path.join(staging, name)
        with open(script, "rb") as file:
            before = file.read()
        subprocess.run(
            [esbuild(), script, "--minify", "--format=esm", "--log-level=warning",
             "--allow-overwrite", "--outfile=" + script],
            check=True,
        )
        with open(script, "rb") as file:
            after = file.read()
        old = "sha384-" + digest("sha384", before)
        if old not in html:
            sys.exit(f"{path}: no integrity attribute for {name}")
        html = html.replace(old, "sha384-" + digest("sha384", after))
    return html


if os.environ.get("TRUNK_PROFILE") == "release":
    html = minify_glue(html)


def first_screen():
    # Natively, not for the wasm32 target Trunk builds the page for; quietly, so only the markup
    # is printed.
    environment = {k: v for k, v in os.environ.items() if not k.startswith("CARGO_BUILD_TARGET")}
    source = os.environ.get("TRUNK_SOURCE_DIR", ".")
    markup = subprocess.run(
        ["cargo", "run", "--quiet", "--locked", "--bin", "hosted-login"],
        cwd=source, env=environment, check=True, capture_output=True, text=True,
    ).stdout
    if 'id="username"' not in markup:
        sys.exit("the first screen's markup has no username field:\n" + markup)
    return markup


APP_ROOT = re.compile(r"<div id=\"?app\"?>\s*</div>")
if not APP_ROOT.search(html):
    sys.exit(f"{path}: no empty <div id=\"app\"></div> for the first screen")
html = APP_ROOT.sub(lambda _: '<div id="app">' + first_screen() + "</div>", html, count=1)

if PLACEHOLDER not in html:
    sys.exit(f"{path}: no {PLACEHOLDER} in the Content-Security-Policy")
# Trunk gives its inline scripts a nonce placeholder (`create_nonce` in Trunk.toml), which
# `trunk serve` replaces with a fresh nonce in every response. Only the live-reload script needs
# it: Trunk fills in the page's host as it serves it, so its hash cannot be known here.
NONCE = "{{__TRUNK NONCE__}}"
serving = ".well-known/trunk/ws" in html
scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, flags=re.S)
sources = [
    "'sha256-" + digest("sha256", body.encode("utf-8")) + "'"
    for body in scripts
    if ".well-known/trunk/ws" not in body
]
if serving:
    sources.append("'nonce-" + NONCE + "'")
else:
    # A build for deploying: no static nonce in it (it would be the same for everyone).
    html = html.replace(' nonce="' + NONCE + '"', "").replace(" nonce='" + NONCE + "'", "")
    if NONCE in html:
        sys.exit(f"{path}: a nonce placeholder is left in the page")
hashes = " ".join(sources)
with open(path, "w", encoding="utf-8") as file:
    file.write(html.replace(PLACEHOLDER, hashes))
