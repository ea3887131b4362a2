"""Factories with realistic synthetic defaults (Faker en_GB, NHS numbers in the 999 test range).

Records that services would audit are built through the services, so test data
carries the same audit trail and involvement as real data.
"""

import datetime as dt
import itertools

import factory
from faker import Faker

from macpu.access.models import Membership, User
from macpu.access.roles import Role
from macpu.organisations.models import Area, Organisation
from macpu.organisations.rules.vocabulary import SECTORS_FOR_TYPE, OrganisationType
from macpu.people.rules.identifiers import synthetic_nhs_number

fake = Faker("en_GB")
_nhs_serials = itertools.count(1000)


def next_nhs_number() -> str:
    return synthetic_nhs_number(next(_nhs_serials))


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area
        django_get_or_create = ("la_code",)

    name = "Northbridge"
    la_code = "873"
    partnership_name = "Northbridge Safeguarding Children Partnership"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    code = factory.Sequence(lambda n: f"ORG{n:04d}")
    name = factory.LazyFunction(lambda: f"{fake.city()} Service")
    type = OrganisationType.VOLUNTARY.value
    sector = factory.LazyAttribute(lambda o: sorted(SECTORS_FOR_TYPE[OrganisationType(o.type)])[0].value)
    office_hours_phone = factory.Sequence(lambda n: f"01632 960{n % 1000:03d}")
    out_of_hours_phone = factory.Sequence(lambda n: f"01632 961{n % 1000:03d}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.LazyFunction(fake.first_name)
    last_name = factory.LazyFunction(fake.last_name)
    password = factory.django.Password("correct-horse-battery")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.PRACTITIONER.value
    starts_on = dt.date(2024, 1, 1)
