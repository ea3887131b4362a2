"""A person as one agency reported them: what the agency sent, every field possibly missing."""

import datetime as dt
from dataclasses import dataclass

from macpu.people.rules.matching import Demographics


@dataclass(frozen=True)
class PersonReport:
    given_name: str = ""
    family_name: str = ""
    date_of_birth: dt.date | None = None
    nhs_number: str = ""
    nhs_number_verified: bool = False
    postcode: str = ""
    sex: str = ""
    upn: str = ""
    local_id: str = ""
    role: str = ""
    lives_with_child: bool | None = None

    @property
    def is_child(self) -> bool:
        """Among the people around the child, siblings are children; everyone else is an adult."""
        return self.role == "sibling"

    @property
    def demographics(self) -> Demographics:
        return Demographics(
            given_name=self.given_name,
            family_name=self.family_name,
            date_of_birth=self.date_of_birth,
            sex=self.sex,
            postcode=self.postcode,
            nhs_number=self.nhs_number,
        )

    def source_key(self) -> str:
        """The agency's own key for this person: its local id, else the NHS number, else names and birth date."""
        if self.local_id:
            return self.local_id
        if self.nhs_number:
            return f"nhs:{self.nhs_number}"
        born = self.date_of_birth.isoformat() if self.date_of_birth else ""
        return f"name:{self.family_name.lower()}|{self.given_name.lower()}|{born}"
