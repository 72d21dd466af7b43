"""PDF reports open, hold the patient's numbers, and print markup literally."""

from __future__ import annotations

import io
from pathlib import Path

from clinic_helpers import write_analysis_folder
from pypdf import PdfReader

from vision.clinic.access import ClinicianAccess
from vision.clinic.analysis_import import import_analysis_folder
from vision.reports.pdf import patient_report_pdf, session_report_pdf

XSS = "<b>not bold</b> **not bold** <script>alert(1)</script>"


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 1
    return "\n".join(page.extract_text() for page in reader.pages)


def test_session_pdf(admin: ClinicianAccess, tmp_path: Path) -> None:
    p = admin.create_patient("Zoë Łukasiewicz", external_ref="MRN-0042")
    s = import_analysis_folder(admin, p.id, write_analysis_folder(tmp_path / "run", n_frames=90))
    steps = admin.timeline(s.id).steps
    admin.add_note(s.id, XSS)
    admin.add_note(s.id, "Heel strike on this one" + "x" * 300, step_id=steps[7].id)
    data = session_report_pdf(admin, s.id)
    assert data.startswith(b"%PDF")
    text = pdf_text(data)
    for expected in (
        "Zoë Łukasiewicz",
        "MRN-0042",
        "96.5",
        "75%",
        "83%",
        "Forefoot landings",
        "Heel strike on",
    ):
        assert expected in text, expected
    assert "step 8" in text and "**not bold**" in text and "<b>not bold</b>" in text
    assert "75% (6 of 8 steps)" in text  # the forefoot share says what it is of
    assert "Glances per minute" not in text and "24.0" not in text  # a 3 s clip: the count only


def test_patient_pdf(admin: ClinicianAccess, tmp_path: Path) -> None:
    p = admin.create_patient("Jane Doe")
    for k, cadence in enumerate((90.0, 101.5)):
        folder = write_analysis_folder(
            tmp_path / f"run{k}",
            n_frames=60,
            summary={"cadence_spm": cadence, "started_at": f"2026-03-0{k + 2}T10:00:00+00:00"},
        )
        s = import_analysis_folder(admin, p.id, folder)
    admin.add_note(s.id, XSS)
    text = pdf_text(patient_report_pdf(admin, p.id))
    for expected in ("Jane Doe", "2 sessions", "90.0", "101.5", "3 Mar 2026", "<script>alert(1)</script>"):
        assert expected in text, expected


def test_empty_patient_pdf(admin: ClinicianAccess) -> None:
    p = admin.create_patient("Nobody Yet")
    text = pdf_text(patient_report_pdf(admin, p.id))
    assert "Nobody Yet" in text and "0 sessions" in text
