"""Pure parts of the clinic pages: cookie tickets and routes, QR codes, row clicks, the step a
note goes to, human durations and session names, the audit table."""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone

import cv2
import numpy as np
import pytest

from vision.clinic.records import AuditInfo, SessionInfo, StepInfo
from vision.feedback import Translator
from vision.ui.clinic import cookies
from vision.ui.clinic.homecode import qr_png
from vision.ui.clinic.views import audit_frame, length_text, selected_row, session_label, shown_step


def _call(route_path: str, body: bytes, scheme: str = "http") -> tuple[int, list[tuple[bytes, bytes]]]:
    """Run one of the cookie routes on a POST with ``body``; (status, headers)."""
    from starlette.requests import Request

    route = next(r for r in cookies.cookie_routes() if r.path == route_path)
    sent = False

    async def receive() -> dict:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    scope = {
        "type": "http",
        "method": "POST",
        "path": route_path,
        "scheme": scheme,
        "server": ("127.0.0.1", 8501),
        "headers": [],
        "query_string": b"",
    }
    response = asyncio.run(route.endpoint(Request(scope, receive)))
    return response.status_code, response.raw_headers


def test_a_ticket_becomes_an_http_only_strict_cookie_once() -> None:
    ticket = cookies.issue_ticket("the-login-token", 8 * 3600.0)
    status, headers = _call(cookies.CLAIM_PATH, ticket.encode())
    assert status == 204
    cookie = next(v.decode() for k, v in headers if k == b"set-cookie")
    assert cookie.startswith("rw_clinic=the-login-token;")
    parts = {p.strip().lower() for p in cookie.split(";")}
    assert {"httponly", "samesite=strict", "path=/", "max-age=28800"} <= parts and "secure" not in parts
    assert _call(cookies.CLAIM_PATH, ticket.encode())[0] == 403  # used up
    assert _call(cookies.CLAIM_PATH, b"made-up")[0] == 403
    https = cookies.issue_ticket("t2", 60.0)
    _, headers = _call(cookies.CLAIM_PATH, https.encode(), scheme="https")
    assert "secure" in {p.strip().lower() for p in dict(headers)[b"set-cookie"].decode().split(";")}
    assert cookies.routes_mounted()


def test_tickets_expire_and_forget_deletes_the_cookie() -> None:
    ticket = cookies.issue_ticket("token", 60.0, now=100.0)
    assert cookies.redeem_ticket(ticket, now=100.0 + cookies.TICKET_TTL_S + 1) is None
    status, headers = _call(cookies.FORGET_PATH, b"")
    cookie = dict(headers)[b"set-cookie"].decode().lower()
    assert status == 204 and cookie.startswith('rw_clinic="";') and "max-age=0" in cookie
    assert "httponly" in cookie and "samesite=strict" in cookie


def test_the_qr_code_holds_the_home_code() -> None:
    png = qr_png("K7CX3-9HWNA")
    image = cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_GRAYSCALE)
    text, points, _ = cv2.QRCodeDetector().detectAndDecode(image)
    assert text == "K7CX3-9HWNA" and points is not None


def test_a_click_on_any_cell_selects_its_row() -> None:
    assert selected_row({"selection": {"rows": [2], "cells": []}}) == 2
    assert selected_row({"selection": {"rows": [], "cells": [[4, "patient"]]}}) == 4
    assert selected_row({"selection": {"rows": [], "cells": [(1, "sessions")]}}) == 1
    assert selected_row({"selection": {"rows": [], "cells": []}}) is None
    assert selected_row(None) is None


def _step(i: int, t: float) -> StepInfo:
    return StepInfo(
        id=100 + i,
        step_index=i,
        foot="left",
        contact_time_s=t,
        contact_frame=None,
        liftoff_frame=None,
        strike=None,
        direction=None,
        confidence=None,
    )


def test_the_note_target_is_the_step_the_replay_shows() -> None:
    steps = [_step(0, 1.0), _step(1, 2.0), _step(2, 3.0)]
    assert shown_step(steps, 0.5) is None
    assert shown_step(steps, 1.0).id == 100  # at the contact itself
    assert shown_step(steps, 2.99).id == 101
    assert shown_step(steps, 9.0).id == 102


@pytest.mark.parametrize(
    ("seconds", "en", "de"),
    [
        (9.4, "9 s", "9 s"),
        (59.6, "1 min", "1 Min."),
        (192, "3 min 12 s", "3 Min. 12 s"),
        (1500, "25 min", "25 Min."),
    ],
)
def test_lengths_read_as_people_say_them(seconds: float, en: str, de: str) -> None:
    assert length_text(seconds) == en and length_text(seconds, Translator("de")) == de


def test_session_names_say_date_time_and_length() -> None:
    start = datetime(2026, 11, 27, 0, 45, 42, tzinfo=timezone.utc)
    s = SessionInfo.__new__(SessionInfo)
    object.__setattr__(s, "started_at", start)
    object.__setattr__(s, "duration_s", 9.0)
    assert session_label(s) == "Fri 27 Nov 2026, 00:45 · 9 s"
    assert session_label(s, Translator("de")) == "Fr., 27. Nov. 2026, 00:45, Dauer 9 s"


def test_audit_table_names_patients_and_deleted_ones() -> None:
    at = datetime(2026, 12, 2, 7, 0, 5, tzinfo=timezone.utc)
    rows = [
        AuditInfo(
            id=2,
            at=at,
            clinician_id=1,
            username="alice",
            action="export",
            patient_id=7,
            session_id=12,
            detail="session PDF",
        ),
        AuditInfo(
            id=1,
            at=at,
            clinician_id=1,
            username="alice",
            action="view",
            patient_id=9,
            session_id=None,
            detail="patient",
        ),
    ]
    table = audit_frame(rows, {7: "Jane Doe"})
    assert table.to_dict("records") == [
        {
            "when (UTC)": "2026-12-02 07:00:05",
            "who": "alice",
            "action": "exported",
            "patient": "Jane Doe",
            "session": "#12",
            "what": "session PDF",
        },
        {
            "when (UTC)": "2026-12-02 07:00:05",
            "who": "alice",
            "action": "viewed",
            "patient": "deleted patient #9",
            "session": "–",
            "what": "patient",
        },
    ]
