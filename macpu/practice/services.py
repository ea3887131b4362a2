"""Writes of practice profiles and the glossary, each in one transaction with its audit event.

- A profile is published as a new, immutable version, by the organisation's own safeguarding lead (or a system
  administrator setting it up, or an operator): `profile_publish`. The publish names the version it was written
  from; if another was published since, it is refused (`StaleEdit`, 409) and nothing is saved.
- The glossary is kept by those granted `practice.manage_glossary` (system administrators, partnership analysts):
  `glossary_term_add`, `glossary_term_change`, `glossary_term_remove`; `glossary_load` adds the starting terms.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from django.db import IntegrityError, transaction
from django.utils.text import slugify

from macpu.access.permissions import Permission
from macpu.access.roles import role_grants
from macpu.audit import trail
from macpu.audit.actions import AuditAction
from macpu.core import clock
from macpu.core.actor import Actor, ActorKind
from macpu.core.errors import InvalidInput, NotPermitted, StaleEdit
from macpu.core.versioning import save_versioned
from macpu.organisations.models import Organisation, Team
from macpu.organisations.rules.vocabulary import Sector
from macpu.practice.models import GlossaryTerm, PracticeProfile, PracticeProfileVersion, ProfileTermUse
from macpu.practice.rules.glossary_seed import SEED_TERMS
from macpu.practice.rules.maintainers import may_maintain_profile, may_manage_glossary
from macpu.practice.rules.profile import ProfileContent, content_errors

CHANGE_NOTE_MAX_LENGTH = 500
TERM_MAX_LENGTH = 60
EXPANSION_MAX_LENGTH = 200
MEANING_MAX_LENGTH = 4000
# An effective date may be set ahead (a new threshold document from next month) or a little back (recording a
# change already made), but not years away.
EFFECTIVE_WINDOW = dt.timedelta(days=366)


def require_profile_maintainer_role(actor: Actor) -> None:
    """Refuse at once a role that keeps no organisation's profile (the function-level check, before any lookup)."""
    if actor.kind != ActorKind.OPERATOR and not role_grants(actor.role, Permission.PRACTICE_PROFILE_MAINTAIN):
        raise NotPermitted("Only an organisation's safeguarding leads may change its practice profile.")


def require_profile_maintainer(actor: Actor, organisation: Organisation) -> None:
    """Refuse anyone but `organisation`'s own safeguarding leads (and system administrators, operators)."""
    if not may_maintain_profile(
        role=actor.role,
        is_operator=actor.kind == ActorKind.OPERATOR,
        actor_organisation_id=actor.organisation_id,
        organisation_id=organisation.id,
    ):
        raise NotPermitted(f"Only {organisation.name}'s safeguarding leads may change its practice profile.")


def _terms_named(names: Sequence[str]) -> tuple[list[GlossaryTerm], list[str]]:
    wanted = list(dict.fromkeys(name.strip() for name in names if name.strip()))
    found = {term.term.casefold(): term for term in GlossaryTerm.objects.all()}
    unknown = [name for name in wanted if name.casefold() not in found]
    return [found[name.casefold()] for name in wanted if name.casefold() in found], unknown


def _effective_error(effective_from: dt.date, previous: PracticeProfileVersion | None) -> str | None:
    today = clock.today()
    if abs(effective_from - today) > EFFECTIVE_WINDOW:
        return "The date it takes effect must be within a year of today"
    if previous is not None and effective_from < previous.effective_from:
        return f"The date it takes effect must be on or after {previous.effective_from:%-d %B %Y}, when version " + (
            f"{previous.number} took effect"
        )
    return None


def _publish_errors(
    content: ProfileContent, effective_from: dt.date, change_note: str, previous: PracticeProfileVersion | None
) -> tuple[dict[str, str], list[GlossaryTerm]]:
    errors = content_errors(content)
    terms, unknown = _terms_named(content.terms)
    if unknown:
        errors["terms"] = "These terms are not in the glossary: " + ", ".join(unknown)
    if problem := _effective_error(effective_from, previous):
        errors["effective_from"] = problem
    if len(change_note) > CHANGE_NOTE_MAX_LENGTH:
        errors["change_note"] = f"What changed must be {CHANGE_NOTE_MAX_LENGTH} characters or fewer"
    return errors, terms


def _locked_profile(organisation: Organisation, team: Team | None, expected_version: int) -> PracticeProfile:
    """The profile, its version moved on by one under optimistic locking; created by the first publish."""
    profile = PracticeProfile.objects.filter(organisation=organisation, team=team).first()
    if profile is None:
        if expected_version != 0:
            raise StaleEdit(current_version=0)
        try:
            with transaction.atomic():
                return PracticeProfile.objects.create(organisation=organisation, team=team, version=1)
        except IntegrityError:
            # Another lead published the first version a moment ago.
            raise StaleEdit(current_version=1) from None
    save_versioned(profile, expected_version=expected_version, fields=[])
    return profile


def _version_row(
    profile: PracticeProfile, actor: Actor, content: ProfileContent, effective_from: dt.date, change_note: str
) -> PracticeProfileVersion:
    return PracticeProfileVersion.objects.create(
        profile=profile,
        number=profile.version,
        effective_from=effective_from,
        published_at=clock.now(),
        published_by_user_id=actor.user_id,
        published_by_name=(actor.display_name or actor.label)[:150],
        published_by_role=actor.role[:40],
        change_note=change_note,
        safeguarding_role=content.safeguarding_role,
        referral_route=content.referral_route,
        threshold_document_title=content.threshold_document_title,
        threshold_document_url=content.threshold_document_url,
        escalation_route=content.escalation_route,
        leads=[asdict(lead) for lead in content.leads],
        consent_practice=content.consent_practice.value,
        consent_explanation=content.consent_explanation,
        timescales={c.value: {"value": t.value, "unit": t.unit.value} for c, t in content.timescales.items()},
        strategy_discussion_attendees=content.strategy_discussion_attendees,
        records_held=content.records_held,
    )


@transaction.atomic
def profile_publish(
    *,
    actor: Actor,
    organisation: Organisation,
    team: Team | None = None,
    expected_version: int,
    content: ProfileContent,
    effective_from: dt.date,
    change_note: str = "",
) -> PracticeProfileVersion:
    """Publish a new version of `organisation`'s profile (or its `team`'s), written from version `expected_version`
    (0 for the first). Refused when the actor may not keep it, when a field is wrong (each named), or when another
    version was published since (`StaleEdit`)."""
    require_profile_maintainer(actor, organisation)
    if team is not None and team.organisation_id != organisation.id:
        raise InvalidInput({"team": f"The team is not part of {organisation.name}"})
    change_note = change_note.strip()
    previous = PracticeProfileVersion.objects.filter(profile__organisation=organisation, profile__team=team).first()
    errors, terms = _publish_errors(content, effective_from, change_note, previous)
    if errors:
        raise InvalidInput(errors)
    profile = _locked_profile(organisation, team, expected_version)
    version = _version_row(profile, actor, content, effective_from, change_note)
    ProfileTermUse.objects.bulk_create([ProfileTermUse(version=version, term=term) for term in terms])
    details = {
        "organisation": organisation.code,
        "team": str(team.id) if team else None,
        "number": version.number,
        "effective_from": effective_from.isoformat(),
    }
    trail.record(
        actor=actor,
        action=AuditAction.PRACTICE_PROFILE_PUBLISHED,
        target_type="practice_profile",
        target_id=profile.id,
        details=details,
    )
    return version


# --- The glossary -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TermInput:
    term: str
    expansion: str
    meaning: str
    is_abbreviation: bool
    sectors: tuple[str, ...]
    equivalents: tuple[str, ...] = ()


def require_glossary_manager(actor: Actor) -> None:
    if not may_manage_glossary(role=actor.role, is_operator=actor.kind == ActorKind.OPERATOR):
        raise NotPermitted("Only the partnership's analysts and system administrators may change the glossary.")


def _length_error(value: str, *, what: str, limit: int) -> str | None:
    if not value:
        return f"Enter {what}"
    if len(value) > limit:
        return f"{what[0].upper()}{what[1:]} must be {limit} characters or fewer"
    return None


def _term_errors(given: TermInput, *, editing: GlossaryTerm | None) -> dict[str, str]:
    problems = {
        "term": _length_error(given.term, what="the term", limit=TERM_MAX_LENGTH),
        "expansion": _length_error(given.expansion, what="its short meaning", limit=EXPANSION_MAX_LENGTH),
        "meaning": _length_error(given.meaning, what="what it means", limit=MEANING_MAX_LENGTH),
        "sectors": None if given.sectors else "Choose at least one sector that uses the term",
    }
    if unknown := [sector for sector in given.sectors if sector not in set(Sector)]:
        problems["sectors"] = "Choose sectors from the list: " + ", ".join(unknown) + " is not one"
    errors = {field: problem for field, problem in problems.items() if problem}
    if "term" not in errors and not slugify(given.term):
        errors["term"] = "The term must contain a letter or a digit"
    same = GlossaryTerm.objects.filter(term__iexact=given.term)
    if editing is not None:
        same = same.exclude(pk=editing.pk)
    if "term" not in errors and same.exists():
        errors["term"] = f"The glossary already has {given.term}"
    return errors


def _equivalents(given: TermInput, editing: GlossaryTerm | None) -> list[GlossaryTerm]:
    terms, unknown = _terms_named(given.equivalents)
    if unknown:
        raise InvalidInput({"equivalents": "These terms are not in the glossary: " + ", ".join(unknown)})
    if editing is not None and any(term.id == editing.id for term in terms):
        raise InvalidInput({"equivalents": "A term cannot be its own equivalent"})
    return terms


def _unique_slug(term: str, editing: GlossaryTerm | None) -> str:
    base, number = slugify(term)[:70], 1
    slug = base
    others = GlossaryTerm.objects.exclude(pk=editing.pk) if editing else GlossaryTerm.objects.all()
    while others.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def _cleaned(given: TermInput) -> TermInput:
    return TermInput(
        term=" ".join(given.term.split()),
        expansion=given.expansion.strip(),
        meaning=given.meaning.strip(),
        is_abbreviation=given.is_abbreviation,
        sectors=tuple(dict.fromkeys(given.sectors)),
        equivalents=given.equivalents,
    )


def _term_details(term: GlossaryTerm, equivalents: list[GlossaryTerm]) -> dict[str, object]:
    return {"term": term.term, "sectors": list(term.sectors), "equivalents": [e.term for e in equivalents]}


@transaction.atomic
def glossary_term_add(*, actor: Actor, given: TermInput) -> GlossaryTerm:
    require_glossary_manager(actor)
    given = _cleaned(given)
    if errors := _term_errors(given, editing=None):
        raise InvalidInput(errors)
    equivalents = _equivalents(given, None)
    term = GlossaryTerm.objects.create(
        term=given.term,
        slug=_unique_slug(given.term, None),
        expansion=given.expansion,
        meaning=given.meaning,
        is_abbreviation=given.is_abbreviation,
        sectors=list(given.sectors),
    )
    term.equivalents.set(equivalents)
    trail.record(
        actor=actor,
        action=AuditAction.GLOSSARY_TERM_ADDED,
        target_type="glossary_term",
        target_id=term.id,
        details=_term_details(term, equivalents),
    )
    return term


_TERM_FIELDS = ("term", "slug", "expansion", "meaning", "is_abbreviation", "sectors")


@transaction.atomic
def glossary_term_change(*, actor: Actor, term: GlossaryTerm, expected_version: int, given: TermInput) -> GlossaryTerm:
    """Change a term; a stale edit (another change since `expected_version`) is refused and nothing saved."""
    require_glossary_manager(actor)
    given = _cleaned(given)
    if errors := _term_errors(given, editing=term):
        raise InvalidInput(errors)
    equivalents = _equivalents(given, term)
    old = {
        "term": term.term,
        "sectors": list(term.sectors),
        "equivalents": sorted(e.term for e in term.equivalents.all()),
    }
    term.term, term.expansion, term.meaning = given.term, given.expansion, given.meaning
    term.is_abbreviation, term.sectors = given.is_abbreviation, list(given.sectors)
    term.slug = _unique_slug(given.term, term)
    save_versioned(term, expected_version=expected_version, fields=_TERM_FIELDS)
    term.equivalents.set(equivalents)
    trail.record(
        actor=actor,
        action=AuditAction.GLOSSARY_TERM_CHANGED,
        target_type="glossary_term",
        target_id=term.id,
        details={"old": old, "new": _term_details(term, equivalents)},
    )
    return term


@transaction.atomic
def glossary_term_remove(*, actor: Actor, term: GlossaryTerm) -> None:
    """Remove a term no profile has ever used; a used one stays, so that every published version stays readable."""
    require_glossary_manager(actor)
    uses = ProfileTermUse.objects.filter(term=term).count()
    if uses:
        raise InvalidInput(
            {
                "term": f"{term.term} is used by {uses} published practice profile version{'s' if uses != 1 else ''}, "
                "so it stays in the glossary: change its meaning instead"
            }
        )
    removed_id, details = term.id, {"term": term.term}
    term.equivalents.clear()
    term.delete()
    trail.record(
        actor=actor,
        action=AuditAction.GLOSSARY_TERM_REMOVED,
        target_type="glossary_term",
        target_id=removed_id,
        details=details,
    )


@transaction.atomic
def glossary_load(*, actor: Actor) -> int:
    """Add the starting terms (`rules/glossary_seed.py`) the glossary lacks, and their equivalences; terms already
    there, perhaps edited by the partnership, are left as they are. Returns how many were added."""
    require_glossary_manager(actor)
    existing = {term.term.casefold(): term for term in GlossaryTerm.objects.all()}
    added = []
    for seed in SEED_TERMS:
        if seed.term.casefold() in existing:
            continue
        term = GlossaryTerm.objects.create(
            term=seed.term,
            slug=_unique_slug(seed.term, None),
            expansion=seed.expansion,
            meaning=seed.meaning,
            is_abbreviation=seed.is_abbreviation,
            sectors=list(seed.sectors),
        )
        existing[seed.term.casefold()] = term
        added.append(seed)
    new = {seed.term.casefold() for seed in added}
    for seed in SEED_TERMS:
        for name in seed.equivalents:
            if {seed.term.casefold(), name.casefold()} & new and name.casefold() in existing:
                existing[seed.term.casefold()].equivalents.add(existing[name.casefold()])
    trail.record(actor=actor, action=AuditAction.GLOSSARY_LOADED, details={"added": len(added)})
    return len(added)
