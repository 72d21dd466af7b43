"""Every benchmark of the project, one module each (none is a test; none is imported by the product
except through the ``retrowalk`` command):

- :mod:`vision.bench.backends` — both pose backends on one clip, and the streaming core
  (``python -m vision.bench``, ``retrowalk bench``);
- :mod:`vision.bench.core` — microseconds per frame of the streaming core;
- :mod:`vision.bench.analyze` — the whole offline analysis (``retrowalk bench-analyze``);
- :mod:`vision.bench.soak` — 60-minute soak of replay and the live processor;
- :mod:`vision.bench.cluster` — Ray batches, clips per minute;
- :mod:`vision.bench.browser` — live throughput and latency through Chromium and WebRTC;
- :mod:`vision.bench.render` — frames per second of the digital-human renderer.

``python -m vision.bench NAME [OPTIONS]`` runs one of them by name (``python -m vision.bench
[VIDEO]`` without a name: the backends benchmark).
"""
