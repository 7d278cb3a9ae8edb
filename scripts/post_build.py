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

4. Two bundles: Trunk builds the sign-in bundle (`hosted-login`, without the `account`
   feature); this hook builds the bundle with every page (`hosted-login-account`: creating an
   account and the security page besides) the same way (cargo, wasm-bindgen, and for release
   wasm-opt with index.html's parameters and esbuild), and replaces Trunk's loader with one that
   loads the bundle for the address: the second one at `ACCOUNT_PAGES` (below the public URL),
   the sign-in one everywhere else. A person signing in never downloads the pages beyond it.

5. The stylesheet comes inside the page (`rel="inline"`, one request fewer before the first
   paint): minified for release (esbuild) and pinned by its SHA-256 in `style-src`, which
   allows nothing else (TRUNK_INLINE_STYLE_HASHES).

All steps live in one hook because Trunk runs the hooks of a stage concurrently.
"""

import base64
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

PLACEHOLDER = "TRUNK_INLINE_SCRIPT_HASHES"
STYLE_PLACEHOLDER = "TRUNK_INLINE_STYLE_HASHES"

staging = os.environ["TRUNK_STAGING_DIR"]
SOURCE = os.environ.get("TRUNK_SOURCE_DIR", ".")
RELEASE = os.environ.get("TRUNK_PROFILE") == "release"
path = os.path.join(staging, "index.html")
with open(path, encoding="utf-8") as file:
    html = file.read()


def esbuild():
    local = os.path.join(SOURCE, "tools/node/node_modules/.bin/esbuild")
    found = local if os.path.exists(local) else shutil.which("esbuild")
    if found is None:
        sys.exit("esbuild is missing: run ./scripts/test or ./scripts/demo, which install it")
    return found


def digest(algorithm, data):
    return base64.b64encode(hashlib.new(algorithm, data).digest()).decode()


def minified(source, *options):
    """`source` (bytes or text) minified by esbuild with `options` (its loader, its format)."""
    return subprocess.run(
        [esbuild(), "--minify", "--log-level=warning", *options],
        input=source, check=True, capture_output=True, text=isinstance(source, str),
    ).stdout


def minify_glue(html):
    for name in sorted(os.listdir(staging)):
        if not name.endswith(".js"):
            continue
        script = os.path.join(staging, name)
        with open(script, "rb") as file:
            before = file.read()
        after = minified(before, "--loader=js", "--format=esm")
        with open(script, "wb") as file:
            file.write(after)
        old = "sha384-" + digest("sha384", before)
        if old not in html:
            sys.exit(f"{path}: no integrity attribute for {name}")
        html = html.replace(old, "sha384-" + digest("sha384", after))
    return html


if RELEASE:
    html = minify_glue(html)


# The pages only the second bundle has, below the public URL (src/route.rs's
# `Route::in_account_bundle`; a test holds the two together).
ACCOUNT_PAGES = ["new-password", "sign-up", "confirm-sign-up", "forgot-password", "reset-password", "account"]


def tool(name):
    found = shutil.which(name)
    if found is None:
        sys.exit(f"{name} is missing: run ./scripts/test or ./scripts/demo, which install it")
    return found


def build_account_bundle():
    """The bundle with every page, as Trunk builds the sign-in one: returns (js, wasm) bytes."""
    profile = ["--release"] if RELEASE else []
    subprocess.run(
        ["cargo", "build", "--quiet", "--locked", "--target", "wasm32-unknown-unknown",
         "--bin", "hosted-login-account", *profile],
        cwd=SOURCE, check=True,
    )
    metadata = json.loads(subprocess.run(
        ["cargo", "metadata", "--format-version", "1", "--no-deps", "--locked"],
        cwd=SOURCE, check=True, capture_output=True, text=True,
    ).stdout)
    built = os.path.join(metadata["target_directory"], "wasm32-unknown-unknown",
                         "release" if RELEASE else "debug", "hosted-login-account.wasm")
    with tempfile.TemporaryDirectory() as work:
        subprocess.run(
            [tool("wasm-bindgen"), "--target=web", "--no-typescript", "--out-dir=" + work,
             "--out-name=account", built],
            check=True,
        )
        wasm_path, js_path = os.path.join(work, "account_bg.wasm"), os.path.join(work, "account.js")
        if RELEASE:
            # The parameters index.html gives Trunk for the sign-in bundle.
            with open(os.path.join(SOURCE, "index.html"), encoding="utf-8") as file:
                source_html = file.read()
            level = re.search(r'data-wasm-opt="([^"]*)"', source_html).group(1)
            params = re.search(r'data-wasm-opt-params="([^"]*)"', source_html).group(1).split()
            subprocess.run(
                [tool("wasm-opt"), "--output=" + wasm_path, "-O" + level, wasm_path, *params],
                check=True,
            )
        with open(js_path, "rb") as file_js, open(wasm_path, "rb") as file_wasm:
            js, wasm = file_js.read(), file_wasm.read()
    return (minified(js, "--loader=js", "--format=esm") if RELEASE else js), wasm


LINK = r"<link\b[^>]*?\bhref=\"?([^\"\s>]*hosted-login-[0-9a-f]+{})\"?[^>]*>"
INTEGRITY = re.compile(r"\bintegrity=\"?(sha384-[^\"\s>]+)")
LOADER = re.compile(r"<script\b([^>]*)>\s*import init, \* as bindings from '[^']+';.*?</script>",
                    flags=re.S)


def two_bundles(html):
    js_link = re.search(LINK.format(r"\.js"), html)
    wasm_link = re.search(LINK.format(r"_bg\.wasm"), html)
    loader = LOADER.search(html)
    if not (js_link and wasm_link and loader):
        sys.exit(f"{path}: Trunk's loader or its preload links were not found")
    js, wasm = build_account_bundle()
    name = "hosted-login-account-" + hashlib.sha256(wasm).hexdigest()[:16]
    with open(os.path.join(staging, name + ".js"), "wb") as file:
        file.write(js)
    with open(os.path.join(staging, name + "_bg.wasm"), "wb") as file:
        file.write(wasm)
    # Trunk's own paths carry the public URL.
    prefix = js_link.group(1)[: js_link.group(1).rindex("/") + 1]
    # The sign-in bundle's JS keeps Trunk's own preload and static import; only its WASM's
    # preload is the chooser's.
    sign_in = {
        "wasm": wasm_link.group(1),
        "wasmIntegrity": INTEGRITY.search(wasm_link.group(0)).group(1),
    }
    account = {
        "js": prefix + name + ".js",
        "jsIntegrity": "sha384-" + digest("sha384", js),
        "wasm": prefix + name + "_bg.wasm",
        "wasmIntegrity": "sha384-" + digest("sha384", wasm),
    }
    # At the other bundle's pages: that bundle is fetched instead (its JS and WASM preloaded at
    # once), and the sign-in form that came with the HTML, which is not the page, is hidden
    # until the app shows the page (styles/base.css, src/dom.rs's `reveal`). Everywhere else,
    # Trunk's own preloads and loader for the sign-in bundle, as they were.
    chooser = (
        "(function () {"
        " var base = new URL(document.baseURI).pathname, path = location.pathname;"
        " var page = path.indexOf(base) === 0 ? path.slice(base.length) : \"\";"
        " var other = " + json.dumps(ACCOUNT_PAGES) + ".indexOf(page) >= 0;"
        " var bundle = other ? " + json.dumps(account) + " : " + json.dumps(sign_in) + ";"
        " function preload(rel, href, integrity) {"
        " var link = document.createElement(\"link\");"
        " link.rel = rel; link.href = href; link.integrity = integrity; link.crossOrigin = \"anonymous\";"
        " if (rel === \"preload\") { link.as = \"fetch\"; link.type = \"application/wasm\"; }"
        " document.head.appendChild(link); }"
        " if (other) {"
        " window.hostedLoginBundle = bundle;"
        " document.documentElement.setAttribute(\"data-loading\", \"\");"
        " preload(\"modulepreload\", bundle.js, bundle.jsIntegrity); }"
        " preload(\"preload\", bundle.wasm, bundle.wasmIntegrity); })();"
    )
    if RELEASE:
        chooser = minified(chooser, "--loader=js").strip()
    chooser = "<script>" + chooser + "</script>"
    # Trunk's loader, starting the other bundle instead where the chooser picked it. (The
    # sign-in bundle's JS glue, 6 KB, is fetched there too: the static import keeps the sign-in
    # page's start exactly as Trunk's loader has it.)
    starter = (
        "<script" + loader.group(1) + ">import * as signIn from " + json.dumps(js_link.group(1)) + ";"
        " const other = window.hostedLoginBundle;"
        " const bindings = other ? await import(other.js) : signIn;"
        " const wasm = await bindings.default({ module_or_path: other ? other.wasm : "
        + json.dumps(sign_in["wasm"]) + " });"
        " window.wasmBindings = bindings;"
        " dispatchEvent(new CustomEvent(\"TrunkApplicationStarted\", {detail: {wasm}}));</script>"
    )
    html = html.replace(wasm_link.group(0), "", 1)
    # First thing after <base> (which it reads): an inline script after a stylesheet would wait
    # for the stylesheet, and the downloads with it.
    base = re.search(r"<base\b[^>]*>", html)
    if not base:
        sys.exit(f"{path}: no <base> for the loader to follow")
    html = html[: base.end()] + chooser + html[base.end():]
    return LOADER.sub(lambda _: starter, html, count=1)


html = two_bundles(html)


def first_screen():
    # Natively, not for the wasm32 target Trunk builds the page for; quietly, so only the markup
    # is printed.
    environment = {k: v for k, v in os.environ.items() if not k.startswith("CARGO_BUILD_TARGET")}
    markup = subprocess.run(
        ["cargo", "run", "--quiet", "--locked", "--bin", "hosted-login"],
        cwd=SOURCE, env=environment, check=True, capture_output=True, text=True,
    ).stdout
    if 'id="username"' not in markup:
        sys.exit("the first screen's markup has no username field:\n" + markup)
    return markup


APP_ROOT = re.compile(r"<div id=\"?app\"?>\s*</div>")
if not APP_ROOT.search(html):
    sys.exit(f"{path}: no empty <div id=\"app\"></div> for the first screen")
html = APP_ROOT.sub(lambda _: '<div id="app">' + first_screen() + "</div>", html, count=1)

# The stylesheet comes inside the page (index.html's `rel="inline"`): minified for release, and
# pinned by its hash as the only style the page allows.
STYLE = re.compile(r"(<style\b[^>]*>)(.*?)(</style>)", flags=re.S)


def minified_css(css):
    return minified(css, "--loader=css").strip() if RELEASE else css


html = STYLE.sub(lambda match: match.group(1) + minified_css(match.group(2)) + match.group(3), html)
styles = [
    "'sha256-" + digest("sha256", body.encode("utf-8")) + "'"
    for _, body, _ in STYLE.findall(html)
]
if STYLE_PLACEHOLDER not in html or not styles:
    sys.exit(f"{path}: no {STYLE_PLACEHOLDER} in the Content-Security-Policy, or no stylesheet")
html = html.replace(STYLE_PLACEHOLDER, " ".join(styles))

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
