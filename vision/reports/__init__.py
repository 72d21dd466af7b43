"""Rendering of the clinic's records for people to read: PNG charts (:mod:`~vision.reports.charts`)
and PDF reports (:mod:`~vision.reports.pdf`). It reads the data layer :mod:`vision.clinic`, which
never imports it; the clinic pages (:mod:`vision.ui.clinic`) offer its reports as downloads."""
