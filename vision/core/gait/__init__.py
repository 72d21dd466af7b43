"""The session-wide gait pass: the step table decoded again over the whole session.

:mod:`.history` keeps every valid frame's gait inputs (the analyzer's ring rows, direction and
view) for an offline decode at summary time; :mod:`.table` resolves, with the whole session in
view, the contacts that break the alternation of the feet while walking.
"""
