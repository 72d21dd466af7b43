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
        duration_s=3.0,
        speed_mps=0.4,
        cadence_spm=90.0,
        image_size=(480, 270),
        subject_height_px=200.0,
        glances=(GlanceSpec(1.2, 1.0, 60.0, "left"),),
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
    assert s.frames == 90 and s.contacts_labelled == len(found.clips[0].steps) >= 3
    assert t.detection_rate.value >= 0.95 and t.detection_rate.n == 90
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
