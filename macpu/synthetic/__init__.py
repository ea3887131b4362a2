"""The synthetic area "Northbridge": its organisations, staff, families and their agencies' event feed.

Pure data and generators (no database, no clock): the demo loads them, `macpu feed generate`
writes them, and tests and benchmarks build worlds from them. Only synthetic data: Faker en_GB
names and NHS numbers in the 999 test range.
"""
