"""A short rendered clip through the real adapter (analysis, cache, scoring) and the command."""

from __future__ import annotations

import json

import pytest

from vision.evaluation.clips import find_clips
from vision.evaluation.evaluate import evaluate
from vision.evaluation.totals import totals
from vision.synth.gait import GaitSpec, GlanceSpec, generate_gait
from vision.synth.make_samples import truth_json
from vision.synth.render import RenderOptions, render_video


@pytest.fixture(scope="module")
def clip_dir(tmp_path_factory):
    spec = GaitSpec(
        direction="backward",
        strike="forefoot",
        duration_s=4.0,
        speed_mps=0.4,
        cadence_spm=90.0,
        image_size=(480, 270),
        subject_height_px=200.0,
        glances=(GlanceSpec(2.6, 1.0, 60.0, "left"),),  # after the coach's 2 s calibration
        foot_landmarks="anatomical",
        seed=11,
    )
    d = tmp_path_factory.mktemp("e2e")
    seq = generate_gait(spec)
    codec = render_video(seq, d / "walk.mp4", RenderOptions(seed=spec.seed))
    (d / "walk.json").write_text(json.dumps(truth_json(seq, "walk.mp4", codec)))
    (d / "unlabelled.mp4").write_bytes((d / "walk.mp4").read_bytes())
    return d


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("cache")


def test_short_rendered_clip_end_to_end(clip_dir, cache_dir):
    found = find_clips([clip_dir])
    assert [c.name for c in found.clips] == ["walk"]
    assert [(p.name, why) for p, why in found.skipped] == [("unlabelled.mp4", "no label file")]
    assert find_clips([clip_dir], seeds=range(0, 11)).clips == ()
    (outcome,) = evaluate(found.clips, cache_dir=cache_dir)
    assert outcome.error is None and not outcome.cached
    s = outcome.score
    t = totals([s])
    assert s.frames == 120 and s.contacts_labelled == len(found.clips[0].steps) >= 3
    assert t.detection_rate.value >= 0.95 and t.detection_rate.n == 120
    assert t.landmarks["heels"].median_px.value < 15.0
    assert t.glance_recall.n == 1 and t.lean_mae_deg.n >= 60
    assert t.upright_share["upright"].n == 1
    (again,) = evaluate(found.clips, cache_dir=cache_dir)
    assert (
        again.cached
        and again.score.offsets == s.offsets
        and again.score.confusion.tolist() == s.confusion.tolist()
    )


def test_command_writes_json_and_page(clip_dir, cache_dir, tmp_path):
    """Through ``retrowalk eval`` (the analysis comes from the first test's cache)."""
    from vision.cli import main

    page, out = tmp_path / "accuracy.md", tmp_path / "eval.json"
    args = ["eval", str(clip_dir), "--jobs", "1", "--cache", str(cache_dir), "--json", str(out)]
    assert main([*args, "--write-docs", str(page)]) == 0
    doc = json.loads(out.read_text())
    assert doc["clips"][0]["name"] == "walk" and doc["groups"]["rendered"]["clips"] == 1
    text = page.read_text()
    assert (
        "seeds scored: all (present: 1 seeds, 11–11)" in text
        and "1 clip(s) read from the cache" in text
        and "| contacts within ±1 frame" in text
    )


def test_poses_kept_give_what_analyze_gave(clip_dir, tmp_path):
    """The core run again on the recorded poses reports what the analysis' own files say, and a
    tuning change reaches it (the pose cache does not freeze the core)."""
    from dataclasses import replace

    import numpy as np

    from vision.analysis.pipeline import analyze_video
    from vision.core import CoachConfig
    from vision.evaluation.poses import PoseRecorder, PoseTrack, predict_from_track
    from vision.evaluation.run import read_outputs

    recorder = PoseRecorder(fps=30.0)
    analyze_video(clip_dir / "walk.mp4", tmp_path / "out", threads=1, extra_sinks=(recorder,))
    recorder.track().save(tmp_path / "walk.poses.npz")
    track = PoseTrack.load(tmp_path / "walk.poses.npz")
    assert track.frame_count == 120 and track.xy.shape == (120, 33, 2) and track.image_size == (480, 270)
    files, again = read_outputs(tmp_path / "out", 0.0), predict_from_track(track)
    assert len(files.steps) >= 3 and files.steps == again.steps
    assert files.glances == again.glances and len(files.glances) == 1
    assert (files.present == again.present).all() and (files.direction == again.direction).all()
    for name in ("trunk_lean_deg", "head_yaw_deg", "upright", "landmarks_px"):
        a, b = getattr(files, name), getattr(again, name)
        assert np.array_equal(np.isnan(a), np.isnan(b)), name
        assert np.nanmax(np.abs(a - b)) <= 1e-4, name
    strict = replace(CoachConfig(), upright_max_lean_deg=0.01)
    assert np.nanmean(predict_from_track(track, strict).upright) < np.nanmean(again.upright)


def test_cached_only_scores_what_is_kept(clip_dir, cache_dir, tmp_path):
    """``--cached-only`` scores the clips whose poses are kept and lists the others as skipped."""
    from vision.cli import main

    other = tmp_path / "clips"
    other.mkdir()
    for suffix in ("mp4", "json"):
        (other / f"walk.{suffix}").write_bytes((clip_dir / f"walk.{suffix}").read_bytes())
    # a second labelled clip never analysed: same labels, other bytes (the poses key is the SHA-256)
    (other / "fresh.mp4").write_bytes((clip_dir / "walk.mp4").read_bytes() + b"\0")
    (other / "fresh.json").write_text((clip_dir / "walk.json").read_text().replace("walk.mp4", "fresh.mp4"))
    out = tmp_path / "eval.json"
    kept_before = sorted((cache_dir / "poses").iterdir())
    args = ["eval", str(other), "--jobs", "1", "--cache", str(cache_dir), "--cached-only", "--json", str(out)]
    assert main(args) == 0
    doc = json.loads(out.read_text())
    assert [c["name"] for c in doc["clips"]] == ["walk"]
    assert sorted((cache_dir / "poses").iterdir()) == kept_before  # the engine did not run
