"""``retrowalk eval``: score the coach against labelled clips.

Data flows one way: label files → :class:`~vision.evaluation.labels.ClipLabels` (``clips``,
``labels_rendered``, ``labels_shared``, ``reversal``); video → the coach's
:class:`~vision.evaluation.run.Prediction` (``run``, the only module that knows the analysis'
outputs); both → :class:`~vision.evaluation.metrics.ClipScore` (``matching``, ``metrics``) →
:class:`~vision.evaluation.totals.Totals` → tables (``table``, ``targets``) → text, JSON and
``docs/accuracy.md`` (``report``). ``evaluate`` runs clips in parallel; ``cli`` is the command.
"""
