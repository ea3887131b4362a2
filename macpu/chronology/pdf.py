"""The chronology as a PDF for conferences and practice reviews: GOV.UK print style, marked on every page.

Every page carries the protective marking (top and bottom), whom it was made for (name, role and
organisation), when it was made (England's time) and "Page N of M". The entries are what the
selector gave: a withheld entry keeps only its date, organisation and whom to ask, never its content.

The same function renders inline (a short chronology, in the request) and in the background (a long
one, in a task); both hear how far it has got through `progress(done, total)`.
"""

import datetime as dt
import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

from macpu.access.roles import ROLE_LABELS
from macpu.chronology.selectors import Entry
from macpu.core import clock
from macpu.core.actor import Actor
from macpu.people.models import IdentifierScheme, Person
from macpu.people.rules.identifiers import format_nhs_number

Progress = Callable[[int, int], None]

MARKING = "OFFICIAL-SENSITIVE"
STYLESHEET = Path(__file__).parent / "templates" / "chronology" / "pdf.css"

# Progress is told in steps of a hundred. Where each stage of the work starts, as measured on the
# 5,000-entry chronology of benchmarks/chronology.py: reading the entries, then WeasyPrint's own steps
# (which it tells its progress logger), the laying out of pages taking most of the time.
STEPS = 100
_READ_UNTIL = 10
_WEASYPRINT_STEPS = {
    "Step 1 - Fetching and parsing HTML - %s": 10,
    "Step 3 - Applying CSS": 14,
    "Step 4 - Creating formatting structure": 27,
    "Step 6 - Creating PDF": 80,
    "Step 7 - Adding PDF metadata": 98,
}
_PAGES_FROM, _PAGES_UNTIL = 30, 62
_ENTRIES_A_PAGE = 7  # about; only to tell progress while pages are laid out


@dataclass(frozen=True)
class Viewer:
    """Whom the export is for: named on every page, as a printed copy must say whose it is."""

    name: str
    role: str
    organisation: str

    @classmethod
    def of(cls, actor: Actor) -> "Viewer":
        role = ROLE_LABELS.get(actor.role, actor.role)  # type: ignore[call-overload]  # StrEnum keys equal their codes
        return cls(actor.display_name or actor.label, role, actor.organisation_name)


@dataclass(frozen=True)
class Subject:
    """The child the chronology is of, as the first page names them."""

    name: str
    nhs_number: str
    date_of_birth: dt.date | None

    @classmethod
    def of(cls, child: Person) -> "Subject":
        """The child as read through access by the chronology's selector, with their NHS number in force."""
        numbers = [
            i.value for i in child.identifiers.all() if i.scheme == IdentifierScheme.NHS_NUMBER and i.valid_to is None
        ]
        return cls(child.full_name, format_nhs_number(numbers[0]) if numbers else "", child.date_of_birth)


def chronology_pdf(
    *,
    subject: Subject,
    entries: Iterable[Entry],
    viewer: Viewer,
    description: str,
    expected: int = 0,
    progress: Progress | None = None,
    made_at: dt.datetime | None = None,
) -> bytes:
    """The PDF of these entries for the viewer. `expected` (how many entries there should be) paces the
    progress of reading them; `description` says what the export holds (the whole chronology, the filters
    in words, or a curated version's name and date)."""
    tell = _Teller(progress)
    shown = list(_counted(entries, expected, tell))
    made = (made_at or clock.now()).astimezone(clock.LONDON)
    context = {
        "subject": subject,
        "entries": shown,
        "viewer": viewer,
        "description": description,
        "made_at": made,
        "marking": MARKING,
        "margin_texts": _margin_texts(subject, viewer, made),
    }
    html = render_to_string("chronology/pdf.html", context)
    with _weasyprint_steps(tell, pages_expected=max(1, len(shown) // _ENTRIES_A_PAGE)):
        # Nothing is fetched: the document is whole, and no entry's text can make it reach anywhere.
        document = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=()))
        pdf: bytes = document.write_pdf(stylesheets=[CSS(string=STYLESHEET.read_text())])
    tell(STEPS)
    return pdf


class _Teller:
    """Tells progress on, in steps of a hundred, only when it has moved: a task writes each to the database."""

    def __init__(self, progress: Progress | None) -> None:
        self.progress = progress
        self.told = -1

    def __call__(self, done: int) -> None:
        done = max(self.told, min(done, STEPS))
        if self.progress is not None and done != self.told:
            self.progress(done, STEPS)
        self.told = done


def _counted(entries: Iterable[Entry], expected: int, tell: _Teller) -> Iterator[Entry]:
    tell(0)
    for read, entry in enumerate(entries, start=1):
        if expected and read % 50 == 0:
            tell(_READ_UNTIL * min(read, expected) // expected)
        yield entry


def _margin_texts(subject: Subject, viewer: Viewer, made: dt.datetime) -> SafeString:
    """The page margins that name the child, the time and the viewer, as CSS."""
    texts = {
        "top-left": f"Chronology of {subject.name}"
        + (f", NHS number {subject.nhs_number}" if subject.nhs_number else ""),
        "top-right": f"Made {made:%-d %B %Y at %H:%M} (UK time)",
        "bottom-left": f"Exported for {viewer.name}, {viewer.role.lower()}, {viewer.organisation}",
    }
    boxes = " ".join(f"@{box} {{ content: {css_string(text)}; }}" for box, text in texts.items())
    return mark_safe(f"@page {{ {boxes} }}")  # noqa: S308  # each text is a CSS string escaped by css_string


def css_string(text: str) -> str:
    """A quoted CSS string of any text: every character but ASCII letters, digits and spaces is escaped,
    so no name can end the string, the rule or the style element."""
    return '"' + "".join(c if (c.isascii() and c.isalnum()) or c == " " else f"\\{ord(c):x} " for c in text) + '"'


class _StepListener(logging.Handler):
    """Hears WeasyPrint's progress logger (configured in settings) about this thread's document only."""

    def __init__(self, tell: _Teller, pages_expected: int) -> None:
        super().__init__(logging.INFO)
        self.thread = threading.get_ident()
        self.tell = tell
        self.pages_expected = pages_expected

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread != self.thread:
            return
        message = str(record.msg)
        if message == "Step 5 - Creating layout - Page %d" and isinstance(record.args, tuple):
            laid_out = min(int(str(record.args[0])), self.pages_expected)
            self.tell(_PAGES_FROM + (_PAGES_UNTIL - _PAGES_FROM) * laid_out // self.pages_expected)
        elif message in _WEASYPRINT_STEPS:
            self.tell(_WEASYPRINT_STEPS[message])


@contextmanager
def _weasyprint_steps(tell: _Teller, pages_expected: int) -> Iterator[None]:
    listener = _StepListener(tell, pages_expected)
    logger = logging.getLogger("weasyprint.progress")
    logger.addHandler(listener)
    try:
        yield
    finally:
        logger.removeHandler(listener)
