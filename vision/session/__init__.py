"""One coaching path for live, upload and replay.

- :mod:`vision.session.coach` — :class:`CoachSession`: pose frames → core → cues → counters →
  sinks (no threads, no UI).
- Sinks: :mod:`vision.session.folder` (the result folder), :mod:`vision.session.video_sink`
  (the annotated video), :mod:`vision.session.clinic_sink` (the clinic database).
- :mod:`vision.session.summary` — the typed :class:`SessionSummary`;
  :mod:`vision.session.summary_json` writes and reads ``summary.json``.
- :mod:`vision.session.formats` — file and column names of the public outputs.
- :mod:`vision.session.counters`, :mod:`vision.session.clock`, :mod:`vision.session.status` —
  running counters, stream time, the status strip's texts.

Import the modules themselves (this package imports nothing, so that the low-level ones stay
cheap to import).
"""
