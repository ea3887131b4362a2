"""What one run of the write path (a file import, an API request, a form) knows and defers.

Organisation codes and staff names are looked up once per run; people already resolved,
organisations already involved and events already read are remembered; within an
all-or-nothing batch, event versions and named people are written together at its end.
After any rollback, `forget_writes` drops everything learnt from work that was undone.
"""

import contextlib
import uuid
from collections.abc import Iterator
from functools import cache

from django.db.models import Q

from macpu.access.models import Membership
from macpu.core import clock
from macpu.events.models import Event, EventPerson, EventVersion
from macpu.organisations.models import Organisation
from macpu.people.services.intake import IntakeMemo

# Enough to remember the people and involvements of the last tens of thousands of events, and no more.
REMEMBER_AT_MOST = 40_000


class RecordingSession:
    """The memory and the deferred writes of one run of the write path."""

    def __init__(self) -> None:
        self._ids: dict[str, uuid.UUID | None] = {}
        # Filled by the write path as it goes: people already resolved, organisations already involved.
        self.intake = IntakeMemo()
        self.involved: set[tuple[uuid.UUID, uuid.UUID]] = set()  # a set: which half is kept does not matter
        self._waiting_refs: set[tuple[str, str]] | None = None
        self._events: dict[tuple[uuid.UUID, str], Event | None] = {}
        self.pending_versions: list[EventVersion] | None = None
        self.pending_people: list[EventPerson] | None = None

    def keep_small(self) -> None:
        """Called between batches: what is remembered stays bounded, whatever the size of the file.

        The oldest entries go when a memory passes its bound, so the people of recent events stay remembered.
        """
        self.intake.trim(REMEMBER_AT_MOST)
        if len(self.involved) > REMEMBER_AT_MOST:
            self.involved = set(list(self.involved)[-(REMEMBER_AT_MOST // 2) :])

    def add_version(self, version: EventVersion) -> None:
        """Keep a version: at once, or with the batch's other versions when the batch writes together."""
        if self.pending_versions is None:
            version.save(force_insert=True)
        else:
            self.pending_versions.append(version)

    def replace_event_people(self, event: Event) -> None:
        """A new version of an event names its people afresh."""
        EventPerson.objects.filter(event=event).delete()
        if self.pending_people:
            self.pending_people = [named for named in self.pending_people if named.event_id != event.id]

    def add_event_person(self, named: EventPerson) -> None:
        if self.pending_people is None:
            named.save(force_insert=True)
        else:
            self.pending_people.append(named)

    def received_before(self, event: Event, content_hash: str) -> bool:
        if self.pending_versions and any(
            v.event_id == event.id and v.content_hash == content_hash for v in self.pending_versions
        ):
            return True
        return event.versions.filter(content_hash=content_hash).exists()

    @contextlib.contextmanager
    def versions_together(self) -> Iterator[None]:
        """Within an all-or-nothing batch, write its event versions and named people in one statement each at the end.

        Nothing in the write path reads them back while the batch runs (see `received_before`)."""
        self.pending_versions, self.pending_people = [], []
        try:
            yield
            EventVersion.objects.bulk_create(self.pending_versions)
            EventPerson.objects.bulk_create(self.pending_people)
        finally:
            self.pending_versions, self.pending_people = None, None

    def forget_writes(self) -> None:
        """After a rollback, what the write path remembered may no longer be true."""
        self.intake.clear()
        self.involved.clear()
        self._waiting_refs = None
        self._events.clear()

    def prefetch_events(self, identities: list[tuple[str, str]]) -> None:
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
