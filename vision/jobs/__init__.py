"""Analysis jobs of the app: an upload is stored durably, queued as a database row, and run by a
worker process (``python -m vision.cli worker``; its analyses on Ray when configured).

``models`` (the table), ``uploads`` (durable storage of the bytes), ``queue`` (submit, claim,
heartbeat, finish, re-queue of jobs whose worker died), ``worker`` (the process), ``launcher``
(the app starts a local worker when none runs).
"""
