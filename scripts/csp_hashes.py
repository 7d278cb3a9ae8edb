"""Trunk post-build hook: pins the inline scripts Trunk generates in the Content-Security-Policy.

index.html carries a strict CSP with the placeholder TRUNK_INLINE_SCRIPT_HASHES in script-src;
Trunk writes an inline <script type="module"> that loads the WASM (and, under `trunk serve`, a
live-reload script). Each inline script's SHA-256 replaces the placeholder, so nothing else
inline can run.
"""

import base64
import hashlib
import os
import re
import sys

PLACEHOLDER = "TRUNK_INLINE_SCRIPT_HASHES"

path = os.path.join(os.environ["TRUNK_STAGING_DIR"], "index.html")
with open(path, encoding="utf-8") as file:
    html = file.read()
if PLACEHOLDER not in html:
    sys.exit(f"{path}: no {PLACEHOLDER} in the Content-Security-Policy")
inline_scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, flags=re.S)
hashes = " ".join(
    "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"
    for body in inline_scripts
)
with open(path, "w", encoding="utf-8") as file:
    file.write(html.replace(PLACEHOLDER, hashes))
