"""The session-wide gait pass: the step table decoded again over the whole session.

:mod:`.table` resolves, with the whole session in view, the contacts that break the alternation
of the feet while walking. (No per-frame history is kept: the core's memory stays fixed per frame.)
"""
