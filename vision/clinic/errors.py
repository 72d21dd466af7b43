"""Exceptions of the clinic data layer. Every message is a sentence a clinician can read."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from vision.feedback.i18n import t


class ClinicError(Exception):
    """Base class of every error raised on purpose by :mod:`vision.clinic`.

    An error raised with ``key`` (a catalogue key, ``clinic.err.*``) and its ``params`` can be
    shown in the user's language (:meth:`text`); ``str(exc)`` is then the English message.
    ``ClinicError("words")`` keeps its words in every language."""

    def __init__(self, message: str = "", *, key: str = "", **params: object) -> None:
        if key and not message:
            message = t(key, "en", **params)
        super().__init__(message)
        self.key = key
        self.params = dict(params)

    def text(self, tr: Callable[..., str]) -> str:
        """The message in ``tr``'s language (a :class:`vision.feedback.i18n.Translator`)."""
        return tr(self.key, **self.params) if self.key else str(self)


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

    def __init__(self, message: str, until: datetime, **key_params: object) -> None:
        super().__init__(message, **key_params)
        self.until = until


class SetupError(ClinicError):
    """First-run setup was refused (an account already exists) or its input is unusable."""


class ValidationError(ClinicError):
    """An input value is unusable (empty name, weak password, unknown option...)."""


class ImportProblems(list[str]):
    """Problems of an analysis folder: English sentences, and in :attr:`coded` their catalogue
    keys (``clinic.import.p.<name>``) with parameters, to be said in a page's language."""

    def __init__(self) -> None:
        super().__init__()
        self.coded: list[tuple[str, dict[str, object]]] = []

    def add(self, problem: str, /, **params: object) -> None:
        """Note problem ``clinic.import.p.<problem>`` (at most 50 are kept)."""
        if len(self) < 50:
            key = f"clinic.import.p.{problem}"
            self.append(t(key, "en", **params))
            self.coded.append((key, params))

    @classmethod
    def one(cls, problem: str, /, **params: object) -> ImportProblems:
        """A list of the one problem."""
        out = cls()
        out.add(problem, **params)
        return out


class ImportFormatError(ClinicError):
    """A ``retrowalk analyze`` folder is missing files or holds malformed data.

    :attr:`problems` lists every problem found, one English sentence each; problems given with
    catalogue keys (a list with a ``coded`` attribute of ``(key, params)``) are said in the
    page's language by :meth:`problem_texts`.
    """

    def __init__(self, folder: str, problems: list[str]) -> None:
        self.folder = folder
        self.problems = list(problems)
        coded = list(getattr(problems, "coded", []))
        self.coded = coded if len(coded) == len(self.problems) else []
        listing = "; ".join(self.problems[:10])
        more = f" (and {len(self.problems) - 10} more)" if len(self.problems) > 10 else ""
        super().__init__(f"Cannot import the analysis folder {folder!r}: {listing}{more}.")

    def problem_texts(self, tr: Callable[..., str]) -> list[str]:
        """The problems in ``tr``'s language (as they are when raised without keys)."""
        return [tr(key, **params) for key, params in self.coded] if self.coded else list(self.problems)
