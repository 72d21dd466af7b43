"""One clip's analysis as it runs on a Ray worker: bytes in, the result folder's files out.

:func:`run_clip` is a plain function (tested without Ray); :mod:`vision.cluster.batch` wraps it
with ``ray.remote``. The clip is written under its own name in a temporary folder of the worker,
so the outputs that name the video (``summary.json``, ``report.md``) read as in a local run.
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, slots=True)
class ClipOutcome:
    """``ok`` with the summary and every output file (name → bytes), or the error message;
    ``seconds``: the task's own time on the worker (for the benchmark's overhead)."""

    ok: bool
    message: str
    summary: dict | None = None
    files: dict[str, bytes] = field(default_factory=dict)
    seconds: float = 0.0


def run_clip(video: bytes, *, name: str, shown_as: str, options: dict) -> ClipOutcome:
    """Analyze ``video`` (the bytes of a file called ``name``) with ``analyze_video(**options)``.

    Errors name the clip as ``shown_as`` (the caller's path), not the worker's temporary copy.
    """
    from vision.analysis.pipeline import AnalysisError, analyze_video
    from vision.model_files import ModelFileError
    from vision.video import VideoError

    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="retrowalk-clip-") as tmp:
        src = Path(tmp) / "in" / name
        src.parent.mkdir()
        src.write_bytes(video)
        out = Path(tmp) / "out" / Path(name).stem
        try:
            result = analyze_video(src, out, **options)
        except (VideoError, AnalysisError, ModelFileError) as exc:
            return ClipOutcome(False, str(exc).replace(str(src), shown_as), seconds=time.perf_counter() - t0)
        files = {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}
    return ClipOutcome(True, "ok", result.summary, files, time.perf_counter() - t0)
