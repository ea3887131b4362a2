"""Builders for test data that read as sentences: make_child(actor, organisation), signed_in_client(user)."""

import datetime as dt

from django.test import Client

from macpu.access.models import User
from macpu.access.selectors import actor_for_user
from macpu.core.actor import Actor
from macpu.organisations.models import Organisation
from macpu.people.models import Person, PersonKind, Sex
from macpu.people.services.records import NewPerson, person_create
from tests.factories import fake


def actor_of(user: User) -> Actor:
    actor = actor_for_user(user=user, membership_id=None)
    assert actor is not None
    return actor


def make_child(
    actor: Actor, recorded_by: Organisation, *, family_name: str | None = None, born: dt.date = dt.date(2019, 3, 27)
) -> Person:
    return person_create(
        actor=actor,
        new=NewPerson(
            kind=PersonKind.CHILD,
            given_name=fake.first_name_female(),
            family_name=family_name or fake.last_name(),
            date_of_birth=born,
            sex=Sex.FEMALE,
        ),
        recorded_by_id=recorded_by.id,
    )


def signed_in_client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client
