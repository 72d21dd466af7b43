#!/usr/bin/env python3
"""Rebuild the offline BlazePose model files in this folder from the mediapipe 0.10.21 wheel.

    python models/build_models.py                 # throwaway venv in a temp dir (~1.5 GB)
    python models/build_models.py --venv PATH     # reuse a venv that has the pinned tools

Needs Python 3.9-3.12 (tensorflow-cpu 2.18) and PyPI; nothing is fetched from any model hub.
The wheel's sha256 is pinned, so a rebuild gives byte-identical files (SHA256SUMS).

Writes pose_detection.onnx, pose_landmark_full.onnx, pose_landmarker_full.task, LICENSE,
SHA256SUMS, and the generated block of README.md. The work that needs the build tools is in
_build_in_venv.py, which runs inside the venv. Standard library only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

HERE = Path(__file__).resolve().parent
WHEEL_REQ = "mediapipe==0.10.21"
WHEEL_NAME = "mediapipe-0.10.21-cp311-cp311-manylinux_2_28_x86_64.whl"
WHEEL_SHA256 = "05dc4a9e593655a79558d05d6227d31018c2537a4bd3362b51e230cf22aecfe3"
WHEEL_PLATFORM = ("--platform", "manylinux_2_28_x86_64", "--python-version", "3.11",
                  "--implementation", "cp", "--abi", "cp311")  # fmt: skip
BUILD_PINS = {
    "mediapipe": "0.10.21",
    "tensorflow-cpu": "2.18.1",
    "tf2onnx": "1.17.0",
    "onnx": "1.22.0",
    "onnxruntime": "1.32.0",
    "numpy": "1.26.4",
    "protobuf": "4.25.9",
    "flatbuffers": "25.12.19",
    "opencv-contrib-python": "4.11.0.86",
}
MODEL_FILES = ("pose_detection.onnx", "pose_landmark_full.onnx", "pose_landmarker_full.task")
README_BEGIN = "<!-- build_models.py: begin generated -->"
README_END = "<!-- build_models.py: end generated -->"
LICENSE_HEADER = """\
The model files in this folder (pose_detection.onnx, pose_landmark_full.onnx,
pose_landmarker_full.task) are Google's MediaPipe BlazePose models, taken from the
PyPI wheel {wheel}
and converted by build_models.py. They are licensed under the Apache License,
Version 2.0, reproduced below from the wheel's LICENSE file.
Copyright The MediaPipe Authors.

"""


def log(msg: str) -> None:
    print(f"[build_models] {msg}", file=sys.stderr, flush=True)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env.update(PYTHONNOUSERSITE="1", TF_CPP_MIN_LOG_LEVEL="3", PIP_DISABLE_PIP_VERSION_CHECK="1")
    return env


def run(cmd: list[str], log_file: Path | None = None) -> str:
    """Run a command; return its stdout. On failure show the end of its output and exit."""
    proc = subprocess.run(cmd, capture_output=True, text=True, env=clean_env(), check=False)
    if log_file is not None:
        log_file.write_text(proc.stderr)
    if proc.returncode != 0:
        tail = (proc.stdout + proc.stderr)[-4000:]
        sys.exit(f"command failed ({proc.returncode}): {' '.join(cmd)}\n{tail}")
    return proc.stdout


def venv_python(root: Path) -> Path:
    return root / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def make_venv(root: Path) -> Path:
    if not (3, 9) <= sys.version_info[:2] <= (3, 12):
        sys.exit("tensorflow-cpu 2.18 needs Python 3.9-3.12; run this with such a python")
    log(f"creating a build venv in {root} and installing the pinned tools (a few minutes)")
    venv.EnvBuilder(with_pip=True).create(root)
    py = venv_python(root)
    run([str(py), "-m", "pip", "install", "--quiet", *(f"{k}=={v}" for k, v in BUILD_PINS.items())])
    return py


def check_pins(py: Path) -> None:
    code = (
        "import json, importlib.metadata as m, sys\n"
        "out = {}\n"
        f"for name in {sorted(BUILD_PINS)!r}:\n"
        "    try: out[name] = m.version(name)\n"
        "    except m.PackageNotFoundError: out[name] = None\n"
        "print(json.dumps(out))"
    )
    found = json.loads(run([str(py), "-c", code]))
    wrong = {k: v for k, v in found.items() if v != BUILD_PINS[k]}
    if wrong:
        want = " ".join(f"{k}=={BUILD_PINS[k]}" for k in wrong)
        sys.exit(f"the venv has {wrong}; needs {want} (or drop --venv to build a fresh one)")


def fetch_wheel(py: Path, dest: Path) -> Path:
    log(f"downloading {WHEEL_NAME} from PyPI")
    run([str(py), "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
         *WHEEL_PLATFORM, "-d", str(dest), WHEEL_REQ])  # fmt: skip
    wheel = dest / WHEEL_NAME
    if not wheel.is_file():
        sys.exit(f"pip did not download {WHEEL_NAME}: {sorted(p.name for p in dest.iterdir())}")
    got = sha256(wheel)
    if got != WHEEL_SHA256:
        sys.exit(f"{WHEEL_NAME} has sha256 {got}, expected {WHEEL_SHA256}")
    return wheel


def licence_text(wheel_licence: str) -> str:
    """The Apache-2.0 part of the wheel's LICENSE (it ends where third-party notices begin)."""
    apache = wheel_licence.split("\n====")[0].rstrip() + "\n"
    if "Apache License" not in apache or "Version 2.0" not in apache:
        sys.exit("the wheel's LICENSE no longer starts with the Apache-2.0 text")
    return LICENSE_HEADER.format(wheel=WHEEL_NAME) + apache


def readme_block(report: dict, sums: dict[str, str], sizes: dict[str, int]) -> str:
    lines = [
        README_BEGIN,
        "",
        f"Source wheel: `{WHEEL_NAME}` (PyPI `{WHEEL_REQ}`), sha256 `{WHEEL_SHA256}`.",
        "",
        "| file | bytes | sha256 |",
        "|---|---:|---|",
        *(f"| `{name}` | {sizes[name]} | `{sums[name]}` |" for name in MODEL_FILES),
        "",
        "ONNX outputs, in session order (`InferenceSession.get_outputs()`):",
        "",
    ]
    for model, key in (("pose_detection.onnx", "detector"), ("pose_landmark_full.onnx", "landmark")):
        outs = ", ".join(f"`{o['name']}` {o['shape']}" for o in report[f"{key}_outputs"])
        dropped = ", ".join(f"`{o['name']}` {o['shape']}" for o in report[f"{key}_dropped_outputs"])
        left_out = f"; left out: {dropped} (still in the `.task` bundle)" if dropped else ""
        lines.append(f"- `{model}`: {outs}{left_out}")
    n = report["check_inputs"]
    lines += [
        "",
        "Check at build time: every ONNX output, ONNX Runtime vs TF Lite (reference kernels), on"
        f" {n['detector']} detector and {n['landmarks']} landmark inputs (3 uniform random each, plus"
        f" {', '.join(n['images'])}); the densified detector gives bit-identical outputs to the"
        " as-shipped one.",
        "",
        "| model | output | max abs diff | max abs value |",
        "|---|---|---:|---:|",
    ]
    for model, key in (("detector", "detector_max_abs_diff"), ("landmarks", "landmark_max_abs_diff")):
        for out, d in report[key].items():
            lines.append(f"| {model} | `{out}` | {d['max_abs_diff']:.3g} | {d['max_abs_value']:.4g} |")
    lines += ["", README_END]
    return "\n".join(lines)


def update_readme(path: Path, block: str) -> None:
    text = path.read_text() if path.is_file() else ""
    if README_BEGIN not in text or README_END not in text:
        log(f"{path.name} has no generated-block markers; not updated")
        return
    head, rest = text.split(README_BEGIN, 1)
    tail = rest.split(README_END, 1)[1]
    path.write_text(head + block + tail)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--venv", type=Path, help="reuse this venv (must hold the pinned build tools)")
    ap.add_argument("--out", type=Path, default=HERE, help="output folder (default: this folder)")
    ap.add_argument("--image", type=Path, help="an extra real image to check ONNX vs TF Lite on")
    ap.add_argument("--keep-temp", action="store_true", help="keep the temp dir (venv, work files)")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="retrowalk-models-"))
    try:
        if args.venv:
            py = venv_python(args.venv.resolve())
            if not py.is_file():
                sys.exit(f"no python in {args.venv}")
        else:
            py = make_venv(tmp / "venv")
        check_pins(py)
        wheel = fetch_wheel(py, tmp / "wheel")

        log("extracting, densifying, converting to ONNX, checking against TF Lite, bundling")
        staged = tmp / "out"
        cmd = [str(py), str(HERE / "_build_in_venv.py"), "--wheel", str(wheel),
               "--out", str(staged), "--work", str(tmp / "work")]  # fmt: skip
        if args.image:
            cmd += ["--image", str(args.image.resolve())]
        report = json.loads(run(cmd, log_file=tmp / "build.log").strip().splitlines()[-1])

        args.out.mkdir(parents=True, exist_ok=True)
        for name in MODEL_FILES:
            shutil.copyfile(staged / name, args.out / name)
        wheel_licence = (tmp / "work" / "LICENSE.wheel").read_text(encoding="utf-8")
        (args.out / "LICENSE").write_text(licence_text(wheel_licence), encoding="utf-8")
        sums = {name: sha256(args.out / name) for name in MODEL_FILES}
        sizes = {name: (args.out / name).stat().st_size for name in MODEL_FILES}
        (args.out / "SHA256SUMS").write_text("".join(f"{sums[n]}  {n}\n" for n in MODEL_FILES))
        update_readme(args.out / "README.md", readme_block(report, sums, sizes))
    finally:
        if args.keep_temp:
            log(f"temp dir kept: {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)

    for name in MODEL_FILES:
        print(f"{sums[name]}  {sizes[name]:>9}  {name}")
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
