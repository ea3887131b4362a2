"""Reads of practice profiles and the glossary. They describe organisations, not children: every signed-in user may
read them, and reading them is not audited (the directory's rule). Writes are in `services.py`, each audited."""

import uuid
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from macpu.core.actor import Actor, ActorKind
from macpu.core.errors import NotFound
from macpu.organisations.models import Organisation, Team
from macpu.practice.models import GlossaryTerm, PracticeProfile, PracticeProfileVersion
from macpu.practice.rules.comparison import ComparedProfile, Comparison, profiles_compare
from macpu.practice.rules.glossary import GlossaryMatcher, matcher_build
from macpu.practice.rules.maintainers import may_maintain_profile
from macpu.practice.rules.profile import ProfileContent

MAX_COMPARED = 6


@dataclass(frozen=True)
class ProfileView:
    """An organisation's (or a team's) profile as it stands: its current version, or None before the first."""

    organisation: Organisation
    team: Team | None
    current: PracticeProfileVersion | None
    teams_with_profiles: tuple[Team, ...] = ()

    @property
    def version(self) -> int:
        """The number of the current version, 0 before the first: what an edit must name (optimistic locking)."""
        return self.current.number if self.current else 0

    @property
    def content(self) -> ProfileContent | None:
        return self.current.content() if self.current else None


@dataclass(frozen=True)
class ProfileListing:
    """One organisation in the list of profiles: whether it has published one, and when last."""

    organisation: Organisation
    current: PracticeProfileVersion | None
    team_profiles: int


def organisation_by_key(key: str) -> Organisation:
    """An organisation by its code or its id; NotFound when none has it."""
    try:
        found = Organisation.objects.filter(Q(id=uuid.UUID(key)) | Q(code=key)).first()
    except ValueError:
        found = Organisation.objects.filter(code=key).first()
    if found is None:
        raise NotFound("No such organisation")
    return found


def team_of(*, organisation: Organisation, team_id: uuid.UUID) -> Team:
    team = Team.objects.filter(organisation=organisation, id=team_id).first()
    if team is None:
        raise NotFound("No such team in this organisation")
    return team


def _versions() -> QuerySet[PracticeProfileVersion]:
    return PracticeProfileVersion.objects.prefetch_related(Prefetch("terms", queryset=GlossaryTerm.objects.all()))


def _current(organisation: Organisation, team: Team | None) -> PracticeProfileVersion | None:
    versions = _versions().filter(profile__organisation=organisation, profile__team=team)
    return versions.order_by("-number").first()


def profile_view(*, organisation: Organisation, team: Team | None = None) -> ProfileView:
    teams: tuple[Team, ...] = ()
    if team is None:
        with_profiles = PracticeProfile.objects.filter(organisation=organisation, team__isnull=False)
        teams = tuple(Team.objects.filter(id__in=with_profiles.values("team_id")).order_by("name"))
    return ProfileView(organisation, team, _current(organisation, team), teams)


def profile_versions(*, organisation: Organisation, team: Team | None = None) -> list[PracticeProfileVersion]:
    """Every published version, newest first."""
    return list(_versions().filter(profile__organisation=organisation, profile__team=team).order_by("-number"))


def profile_version(*, organisation: Organisation, team: Team | None, number: int) -> PracticeProfileVersion:
    found = _versions().filter(profile__organisation=organisation, profile__team=team, number=number).first()
    if found is None:
        raise NotFound("No such version of this profile")
    return found


def profiles_list(*, sector: str = "") -> list[ProfileListing]:
    """Every active organisation by name, with its current profile version (if any) and how many teams have one."""
    organisations = Organisation.objects.filter(is_active=True).order_by("name")
    if sector:
        organisations = organisations.filter(sector=sector)
    latest: dict[uuid.UUID, PracticeProfileVersion] = {}
    for version in _versions().filter(profile__team__isnull=True).select_related("profile").order_by("number"):
        latest[version.profile.organisation_id] = version
    team_counts: dict[uuid.UUID, int] = {}
    for organisation_id in PracticeProfile.objects.filter(team__isnull=False).values_list("organisation_id", flat=True):
        team_counts[organisation_id] = team_counts.get(organisation_id, 0) + 1
    return [ProfileListing(o, latest.get(o.id), team_counts.get(o.id, 0)) for o in organisations]


def may_maintain(*, actor: Actor, organisation: Organisation) -> bool:
    return may_maintain_profile(
        role=actor.role,
        is_operator=actor.kind == ActorKind.OPERATOR,
        actor_organisation_id=actor.organisation_id,
        organisation_id=organisation.id,
    )


def _equivalent_pairs() -> list[tuple[str, str]]:
    through = GlossaryTerm.equivalents.through
    pairs = through.objects.values_list("from_glossaryterm__term", "to_glossaryterm__term")
    return [(first, second) for first, second in pairs]


def profiles_compare_current(*, organisations: list[Organisation]) -> Comparison:
    """The current profiles of `organisations`, side by side, in the order given."""
    columns = []
    for organisation in organisations:
        current = _current(organisation, None)
        content = current.content() if current else None
        columns.append(ComparedProfile(organisation.code, organisation.name, content))
    return profiles_compare(columns, _equivalent_pairs())


def organisations_for_comparison(*, keys: list[str]) -> list[Organisation]:
    """The organisations named by `keys` (codes or ids), each once, in the order given; NotFound for an unknown one."""
    chosen: dict[uuid.UUID, Organisation] = {}
    for key in keys:
        organisation = organisation_by_key(key)
        chosen.setdefault(organisation.id, organisation)
    return list(chosen.values())


def glossary_terms(*, query: str = "") -> list[GlossaryTerm]:
    """The glossary, A to Z; with `query`, the terms whose term, expansion or meaning contains it."""
    terms = GlossaryTerm.objects.prefetch_related("equivalents")
    query = query.strip()
    if query:
        terms = terms.filter(Q(term__icontains=query) | Q(expansion__icontains=query) | Q(meaning__icontains=query))
    return list(terms)


def glossary_term_get(*, term_id: uuid.UUID) -> GlossaryTerm:
    found = GlossaryTerm.objects.prefetch_related("equivalents").filter(id=term_id).first()
    if found is None:
        raise NotFound("No such term in the glossary")
    return found


def glossary_term_by_slug(*, slug: str) -> GlossaryTerm:
    found = GlossaryTerm.objects.prefetch_related("equivalents").filter(slug=slug).first()
    if found is None:
        raise NotFound("No such term in the glossary")
    return found


def glossary_matcher() -> GlossaryMatcher:
    """The glossary's terms compiled for finding them in a text (one query; build once per page)."""
    return matcher_build([term.as_known_term() for term in GlossaryTerm.objects.all()])
