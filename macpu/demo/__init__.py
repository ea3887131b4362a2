"""The Northbridge demo: a synthetic area, its organisations and staff, and a generated population of families.

Only synthetic data: names from Faker's en_GB provider, NHS numbers from the 999
test range, phone numbers from Ofcom's drama range.
"""
