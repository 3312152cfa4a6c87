"""The app's messages: what a screen or widget asks for, posted upwards (Textual's rule: attributes
down, messages up). A screen never calls the app to do work; it posts one of these, and the screen
or the app that owns the work handles it with an `@on(...)` handler. A screen's messages bubble to
the app (`SamenslimApp`), which owns the screen stack and hands the work to `services.Services`.

| message               | posted by                          | handled by (what it does)                   |
|-----------------------|------------------------------------|---------------------------------------------|
| OpenSetup             | library, vastloop-helper, palette  | app: asks before leaving a running session, |
|                       |                                    | then the setup screen                       |
| StartSession          | setup                              | app: lock, review open actions, runner      |
| ResumeSession         | read-back; app (resume question)   | app: lock, load, runner                     |
| ReopenSession         | read-back (after its confirmation) | app: lock, reopen, runner                   |
| SessionFinished       | runner                             | app: last save, unlock, summary             |
| ShowLibrary           | runner (left), summary             | app: back to the base of the stack          |
| OpenSessions          | library                            | app: Eerdere sessies                        |
| OpenSessionView       | Eerdere sessies                    | app: read the file, the read-back           |
| ExportSession         | Eerdere sessies, read-back         | app: export dialog (for whom, form), verslag|
| DeleteSession         | Eerdere sessies, read-back         | app: confirm, erase, refresh the listing    |
| OpenGroup             | Eerdere sessies, read-back         | app: the group's journey                    |
| ShowProblems          | library                            | app: the problems screen                    |
| ContentChanged        | library (a copy was made)          | app: reads the content again                |

Widgets' own messages live with the widget (`TimerDisplay.Second`, `TimerDisplay.TimeUp`,
`StepView.Changed`) and are handled by the runner screen that holds them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.message import Message

if TYPE_CHECKING:
    from samenslim.domain.content import Werkvorm
    from samenslim.domain.session import Sessie


class OpenSetup(Message):
    """Prepare a session with this agenda; a running session is left only after asking."""

    def __init__(self, agenda: list[Werkvorm], title: str = "") -> None:
        super().__init__()
        self.agenda = agenda
        self.title = title


class StartSession(Message):
    """Setup is complete: start a session with these werkvormen and fields (`session.new_session`)."""

    def __init__(self, werkvormen: list[Werkvorm], **fields: Any) -> None:
        super().__init__()
        self.werkvormen = werkvormen
        self.fields = fields


class ResumeSession(Message):
    """Go on with an unfinished session."""

    def __init__(self, session_id: str) -> None:
        super().__init__()
        self.session_id = session_id


class ReopenSession(Message):
    """Open a finished session again (the facilitator has confirmed)."""

    def __init__(self, session_id: str) -> None:
        super().__init__()
        self.session_id = session_id


class SessionFinished(Message):
    """The runner finished the session (status afgerond, time banked, saved)."""

    def __init__(self, session: Sessie) -> None:
        super().__init__()
        self.session = session


class ShowLibrary(Message):
    """Back to the home screen, closing every screen above it."""


class OpenSessions(Message):
    """Eerdere sessies: the listing of every session."""


class OpenSessionView(Message):
    """Read one listed session (an index entry)."""

    def __init__(self, entry: Any) -> None:
        super().__init__()
        self.entry = entry


class ExportSession(Message):
    """Ask for whom and in which form (the export dialog), then write the session's verslag."""

    def __init__(self, session_id: str) -> None:
        super().__init__()
        self.session_id = session_id


class DeleteSession(Message):
    """Delete a listed session after confirmation; `leave_view`: the read-back of it closes too."""

    def __init__(self, entry: Any, *, leave_view: bool = False) -> None:
        super().__init__()
        self.entry = entry
        self.leave_view = leave_view


class OpenGroup(Message):
    """The journey of a group over its sessions."""

    def __init__(self, group: str) -> None:
        super().__init__()
        self.group = group


class SetRetention(Message):
    """Record a group's retention term (from the group view), as `samenslim bewaartermijn` does."""

    def __init__(self, group: str, months: int, reason: str, after: str) -> None:
        super().__init__()
        self.group = group
        self.months = months
        self.reason = reason
        self.after = after


class ShowProblems(Message):
    """The problems with content and session files."""


class ContentChanged(Message):
    """Werkvorm or deck files changed (a copy was made): read the content again."""
