"""The result folder sink: ``frames.csv`` and ``cues.csv`` as frames come, then the step
table, ``summary.json``, the plots and the report when the session closes.

The same folder for ``retrowalk analyze``, ``retrowalk replay`` and a live session (file and
column names in :mod:`vision.session.formats`, documented in docs/outputs.md). Rows are flushed
to disk at least every ``flush_interval_s`` seconds, so a crash keeps what was seen.
"""

from __future__ import annotations

import csv
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from vision.feedback.i18n import Translator
from vision.landmarks import LM
from vision.session import plots
from vision.session.coach import FrameResult
from vision.session.formats import CUE_COLUMNS, FILE_NAMES
from vision.session.report import write_report
from vision.session.summary import SessionSummary, strike_counts
from vision.session.summary_json import write_summary
from vision.session.tables import FramesCsv, write_steps_csv

_FEET = [int(LM.LEFT_HEEL), int(LM.RIGHT_HEEL), int(LM.LEFT_FOOT_INDEX), int(LM.RIGHT_FOOT_INDEX)]


@dataclass(frozen=True, slots=True, kw_only=True)
class FolderOptions:
    """What the folder gets besides frames, steps, summary and plots."""

    cues: bool = False
    """Write ``cues.csv`` (live sessions and replays)."""
    report_title: str | None = None
    """Write ``report.md`` under this title (None: no report)."""
    upright_limit_deg: float = 10.0
    """The upright band drawn on the trunk plot (degrees either side)."""
    lang: str = "en"
    """Language of the plots and the report (``en``, ``de``)."""
    flush_interval_s: float = 1.0
    """Longest wall time (s) between two flushes of the streamed tables."""


@dataclass
class _PlotValues:
    """Per-frame values for the plots (seconds, degrees, pixels of the original video)."""

    series: plots.Series = field(default_factory=plots.Series)

    def add(self, r: FrameResult) -> None:
        m = r.metrics
        ys = (r.pose.xy[_FEET, 1] * r.to_video_scale).tolist()
        self.series.add(
            t=m.time_s,
            trunk_lean=m.trunk_lean_deg,
            head_yaw=m.head_yaw_deg,
            glance=m.in_glance,
            heel_y=ys[:2],
            toe_y=ys[2:],
        )


class ResultFolderSink:
    """Writes one session's result folder (``folder`` must exist); see the module docstring."""

    def __init__(
        self,
        folder: Path,
        video_size: tuple[int, int],
        *,
        options: FolderOptions | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """``video_size`` (w, h): pixels of the original video (or of the first camera frame)."""
        self.folder = Path(folder)
        self.video_size = video_size
        self.options = options or FolderOptions()
        self.files: dict[str, Path] = {}
        self._clock = clock
        self._frames_fh = self._path("frames_csv").open("w", newline="")
        self._frames = FramesCsv(self._frames_fh)
        self._cues_fh = self._cues = None
        if self.options.cues:
            self._cues_fh = self._path("cues_csv").open("w", newline="")
            self._cues = csv.writer(self._cues_fh, lineterminator="\n")
            self._cues.writerow(CUE_COLUMNS)
        self._plot = _PlotValues()
        self._last_flush = clock()
        self.frames = 0

    def _path(self, key: str) -> Path:
        return self.folder / FILE_NAMES[key]

    def on_frame(self, result: FrameResult) -> None:
        self.frames += 1
        self._frames.write(result.pose, result.metrics, scale=result.to_video_scale, size=self.video_size)
        self._plot.add(result)
        cue = result.new_cue
        if cue is not None and self._cues is not None:
            self._cues.writerow([f"{cue.started_s:.3f}", cue.kind.value, cue.priority, result.cue_words])
        if self._clock() - self._last_flush >= self.options.flush_interval_s:
            self.flush()

    def flush(self) -> None:
        """Push buffered rows to disk."""
        for fh in (self._frames_fh, self._cues_fh):
            if fh is not None and not fh.closed:
                fh.flush()
                os.fsync(fh.fileno())
        self._last_flush = self._clock()

    def abort(self) -> None:
        """Close the streamed tables without finishing the folder (the run failed)."""
        for fh in (self._frames_fh, self._cues_fh):
            if fh is not None:
                fh.close()

    def close(self, summary: SessionSummary) -> None:
        """Write the tables, the plots and the report; :attr:`files` lists what was written."""
        self.flush()
        for fh in (self._frames_fh, self._cues_fh):
            if fh is not None:
                fh.close()
        write_steps_csv(self._path("steps_csv"), summary.step_records)
        write_summary(self._path("summary_json"), summary)
        self._write_plots(summary)
        self.files = {k: self.folder / n for k, n in FILE_NAMES.items() if (self.folder / n).exists()}
        if self.options.report_title is not None:
            report = self._path("report")
            write_report(
                report,
                title=self.options.report_title,
                summary=summary,
                files=self.files,
                counts=strike_counts(summary.step_records),
                lang=self.options.lang,
            )
            self.files["report"] = report

    def _write_plots(self, summary: SessionSummary) -> None:
        s, tr = self._plot.series, Translator(self.options.lang)
        if len(s.t) >= 2:
            plots.plot_trunk_and_yaw(self._path("plot_trunk_yaw"), s, self.options.upright_limit_deg, tr=tr)
            contacts = [(r.contact_time_s, r.foot.value, r.strike.value) for r in summary.step_records]
            plots.plot_feet(
                self._path("plot_feet"), s, contacts=contacts, image_height=self.video_size[1], tr=tr
            )
        plots.plot_strikes(self._path("plot_strikes"), strike_counts(summary.step_records), tr=tr)
