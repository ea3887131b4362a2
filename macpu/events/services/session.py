"""What one run of the write path (a file import, an API request, a form) knows and defers.

Organisation codes and staff names are looked up once per run; people already resolved,
organisations already involved and events already read are remembered. Within an
all-or-nothing batch (`together`), the rows the batch creates (events, their versions,
people and their records) and the organisations' involvements are written at its end,
one statement per kind. After any rollback, `forget_writes` drops everything learnt
from work that was undone.
"""

import contextlib
import uuid
from collections.abc import Iterator
from functools import cache

from django.db.models import Q

from macpu.access.models import InvolvementBasis, Membership
from macpu.access.services import involvements_record
from macpu.core import clock
from macpu.core.actor import Actor
from macpu.core.deferred import DeferredInserts
from macpu.events.models import Event, EventPerson, EventVersion
from macpu.events.rules.feed_format import EventSubmission
from macpu.organisations.models import Organisation
from macpu.people.models import PersonKind
from macpu.people.services.intake import IntakeMemo

# Enough to remember the people and involvements of the last tens of thousands of events, and no more.
REMEMBER_AT_MOST = 40_000


class RecordingSession:
    """The memory and the deferred writes of one run of the write path."""

    def __init__(self) -> None:
        self._ids: dict[str, uuid.UUID | None] = {}
        self.rows = DeferredInserts()
        # Filled by the write path as it goes: people already resolved, organisations already involved.
        self.intake = IntakeMemo(self.rows)
        self.involved: set[tuple[uuid.UUID, uuid.UUID]] = set()  # a set: which half is kept does not matter
        self._claims: list[tuple[uuid.UUID, uuid.UUID]] = []
        self._claimed_by: Actor | None = None
        self._waiting_refs: set[tuple[str, str]] | None = None
        self._events: dict[tuple[uuid.UUID, str], Event | None] = {}
        # The children whose records this run created, changed or retracted: told to listeners at its end.
        self.changed_children: set[uuid.UUID] = set()

    def keep_small(self) -> None:
        """Called between batches: what is remembered stays bounded, whatever the size of the file.

        The oldest entries go when a memory passes its bound, so the people of recent events stay remembered.
        """
        self.intake.trim(REMEMBER_AT_MOST)
        if len(self.involved) > REMEMBER_AT_MOST:
            self.involved = set(list(self.involved)[-(REMEMBER_AT_MOST // 2) :])

    def involve(self, actor: Actor, child_id: uuid.UUID, organisation_id: uuid.UUID) -> None:
        """The recording organisation becomes involved with the child: at once, or with the batch's other claims."""
        if (child_id, organisation_id) in self.involved:
            return
        self.involved.add((child_id, organisation_id))
        if self.rows.deferring:
            self._claims.append((child_id, organisation_id))
            self._claimed_by = actor
        else:
            involvements_record(actor=actor, pairs=[(child_id, organisation_id)], basis=InvolvementBasis.RECORDED)

    def replace_event_people(self, event: Event) -> None:
        """A new version of an event names its people afresh."""
        EventPerson.objects.filter(event=event).delete()
        self.rows.discard(EventPerson, lambda named: named.event_id == event.id)  # type: ignore[attr-defined]

    def received_before(self, event: Event, content_hash: str) -> bool:
        waiting = self.rows.pending(EventVersion)
        if any(v.event_id == event.id and v.content_hash == content_hash for v in waiting):
            return True
        return event.versions.filter(content_hash=content_hash).exists()

    @contextlib.contextmanager
    def together(self) -> Iterator[None]:
        """Within an all-or-nothing batch, write what it creates at its end, one statement per kind of row.

        What the write path reads back while the batch runs, it reads from this session's memory first."""
        self._claims, self._claimed_by = [], None
        try:
            with self.rows.together():
                yield
            if self._claims and self._claimed_by is not None:
                involvements_record(actor=self._claimed_by, pairs=self._claims, basis=InvolvementBasis.RECORDED)
        finally:
            self._claims, self._claimed_by = [], None

    def forget_writes(self) -> None:
        """After a rollback, what the write path remembered may no longer be true."""
        self.intake.clear()
        self.involved.clear()
        self._waiting_refs = None
        self._events.clear()

    def prefetch(self, submissions: list[EventSubmission]) -> None:
        """Read in a few queries what a batch will ask of the database line by line: which events and which
        agency records of people macpu already holds."""
        self._prefetch_events([(submission.org, submission.record_id) for submission in submissions])
        reports = [
            (organisation_id, report, PersonKind.CHILD if is_child else PersonKind.ADULT)
            for submission in submissions
            if (organisation_id := self.organisation_id(submission.org)) is not None
            for report, is_child in submission.reported_people()
        ]
        self.intake.prefetch(reports)

    def _prefetch_events(self, identities: list[tuple[str, str]]) -> None:
        """Read in one query whether each (org code, record id) of a batch is already an event."""
        self._events.clear()
        codes = {code for code, _ in identities}
        ids = {code: self.organisation_id(code) for code in codes}
        wanted = {(ids[code], record_id) for code, record_id in identities if ids[code] is not None}
        for organisation_id, record_id in wanted:
            self._events[(organisation_id, record_id)] = None  # type: ignore[index]  # None: known not to exist
        records = {record_id for _, record_id in wanted}
        for event in Event.objects.filter(organisation_id__in={o for o, _ in wanted}, record_id__in=records):
            if (event.organisation_id, event.record_id) in self._events:
                self._events[(event.organisation_id, event.record_id)] = event

    def event(self, organisation_id: uuid.UUID, record_id: str) -> Event | None:
        """The stored event with this identity, from the batch's prefetch when there is one."""
        if (organisation_id, record_id) in self._events:
            return self._events[(organisation_id, record_id)]
        return Event.objects.filter(organisation_id=organisation_id, record_id=record_id).first()

    def remember_event(self, event: Event) -> None:
        self._events[(event.organisation_id, event.record_id)] = event

    def waiting_refs(self) -> set[tuple[str, str]]:
        """(org code, record id) of events that answer an event macpu has not received yet."""
        if self._waiting_refs is None:
            unresolved = Event.objects.filter(ref_event__isnull=True).exclude(ref_record_id="")
            self._waiting_refs = set(unresolved.values_list("ref_org_code", "ref_record_id"))
        return self._waiting_refs

    def organisation_id(self, code: str) -> uuid.UUID | None:
        if code not in self._ids:
            self._ids[code] = Organisation.objects.filter(code=code).values_list("id", flat=True).first()
        return self._ids[code]

    def staff_member(self, organisation_id: uuid.UUID, full_name: str) -> uuid.UUID | None:
        """The one member of staff of the organisation with this full name today, if exactly one."""
        return self._staff(organisation_id).get(" ".join(full_name.lower().split()))

    @cache  # noqa: B019  # the session lives for one run of the write path, so its cache does too
    def _staff(self, organisation_id: uuid.UUID) -> dict[str, uuid.UUID]:
        today = clock.today()
        members = (
            Membership.objects.filter(organisation_id=organisation_id, starts_on__lte=today)
            .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
            .values_list("user_id", "user__first_name", "user__last_name")
        )
        by_name: dict[str, list[uuid.UUID]] = {}
        for user_id, first, last in members:
            by_name.setdefault(f"{first} {last}".lower(), []).append(user_id)
        return {name: ids[0] for name, ids in by_name.items() if len(set(ids)) == 1}
