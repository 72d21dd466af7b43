"""onnxruntime session creation with explicit, bounded threading."""

from __future__ import annotations

from pathlib import Path

import onnxruntime as ort

from vision.engine.providers import check_session, providers_for


def make_session(model_path: Path, threads: int = 1, device: str = "cpu") -> ort.InferenceSession:
    """A session on ``device`` (:mod:`vision.engine.providers`) using ``threads`` intra-op threads
    and no inter-op pool.

    One thread is the steady choice when another process (a browser, a second analysis)
    shares a 2-core machine; two threads are faster on an idle machine. The pool's threads
    sleep between runs instead of spinning: a spinning worker burns a core that the video
    decoder and encoder threads need (measured: ~2× the model's own CPU time per frame).
    """
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = max(1, int(threads))
    opts.inter_op_num_threads = 1
    opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    opts.log_severity_level = 3
    opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
    opts.add_session_config_entry("session.inter_op.allow_spinning", "0")
    session = ort.InferenceSession(str(model_path), sess_options=opts, providers=providers_for(device))
    check_session(device, session.get_providers())
    return session
