"""The multi-agency child protection team (MACPT): each area's teams, their members, and the statutory places left empty."""
