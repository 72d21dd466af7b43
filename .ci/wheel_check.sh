#!/usr/bin/env bash
# The wheel works outside the repository: build it from this checkout, install it (with its
# dependencies, from pip's cache where it can) in a fresh virtual environment, and from a folder
# outside the repository analyze a clip, create the clinic database and start the app.
# Usage: bash .ci/wheel_check.sh [PYTHON]
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"
python="${1:-python3}"
unset RETROWALK_DB_URL RETROWALK_DATA_DIR RETROWALK_MODELS_DIR  # the installed defaults only
tmp="$(mktemp -d)"
trap 'kill "${app_pid:-}" 2>/dev/null || true; rm -rf "$tmp"' EXIT

"$python" -m pip wheel --quiet --no-deps "$repo" -w "$tmp/dist"
rm -rf "$repo/build" "$repo"/*.egg-info  # in-tree leftovers of the build
"$python" -m venv "$tmp/venv"
"$tmp/venv/bin/python" -m pip install --quiet "$tmp"/dist/retrowalk_coach-*.whl

cp "$repo/sample_videos/backward_walk_side.mp4" "$tmp/clip.mp4"
cd "$tmp"  # nothing of the repository is importable from here
"$tmp/venv/bin/retrowalk" analyze clip.mp4 --out out
"$tmp/venv/bin/python" - <<'PY'
import json
from importlib import metadata
from pathlib import Path

import vision
from vision import bundled, model_files

site = Path(vision.__file__).resolve().parent
assert "site-packages" in site.parts, site
assert model_files.models_dir() == site / "models", model_files.models_dir()
assert bundled.sample_clip() == site / "sample_videos" / "backward_walk_side.mp4"
cv2_dists = sorted(
    d.metadata["Name"] for d in metadata.distributions() if any(str(f) == "cv2/__init__.py" for f in d.files or [])
)
assert cv2_dists == ["opencv-contrib-python"], cv2_dists
from vision.clinic import Database

Database.open(data_dir=Path("clinic-data")).close()  # the schema, from the installed migrations
assert Path("clinic-data").is_dir()
summary = json.loads(Path("out/summary.json").read_text())
assert summary["steps"] >= 10, summary["steps"]
print(f"wheel ok: {summary['steps']} steps from {site}; clinic schema made; one OpenCV: {cv2_dists[0]}")
PY

port="$("$tmp/venv/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$tmp/venv/bin/retrowalk" app --port "$port" >"$tmp/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 60); do
    if "$tmp/venv/bin/python" -c "import urllib.request as u; u.urlopen('http://127.0.0.1:$port/_stcore/health', timeout=2)" 2>/dev/null; then
        echo "wheel ok: retrowalk app serves http://127.0.0.1:$port"
        exit 0
    fi
    sleep 1
done
cat "$tmp/app.log"
echo "retrowalk app did not start" >&2
exit 1
