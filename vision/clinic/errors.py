"""Exceptions of the clinic data layer. Every message is a sentence a clinician can read."""

from __future__ import annotations

from datetime import datetime


class ClinicError(Exception):
    """Base class of every error raised on purpose by :mod:`vision.clinic`."""


class StorageError(ClinicError):
    """The database cannot be opened, read or written (locked, damaged, unreachable, full)."""


class NotFound(ClinicError):
    """The record does not exist, or the caller may not know that it exists.

    A clinician asking for another clinician's patient gets this error too, so that ids of
    other clinicians' records cannot be probed.
    """


class PermissionDenied(ClinicError):
    """The caller is known but is not allowed to do this (e.g. not an administrator)."""


class AuthenticationFailed(ClinicError):
    """Wrong user name or password (deliberately not saying which)."""


class AccountLocked(AuthenticationFailed):
    """Too many failed logins; the account stays locked until :attr:`until` (UTC)."""

    def __init__(self, message: str, until: datetime) -> None:
        super().__init__(message)
        self.until = until


class SetupError(ClinicError):
    """First-run setup was refused (an account already exists) or its input is unusable."""


class ValidationError(ClinicError):
    """An input value is unusable (empty name, weak password, unknown option...)."""


class ImportFormatError(ClinicError):
    """A ``retrowalk analyze`` folder is missing files or holds malformed data.

    :attr:`problems` lists every problem found, one sentence each.
    """

    def __init__(self, folder: str, problems: list[str]) -> None:
        self.folder = folder
        self.problems = list(problems)
        listing = "; ".join(self.problems[:10])
        more = f" (and {len(self.problems) - 10} more)" if len(self.problems) > 10 else ""
        super().__init__(f"Cannot import the analysis folder {folder!r}: {listing}{more}.")
