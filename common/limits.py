"""Bounds of the databases the app runs on (PostgreSQL and SQLite)."""

# The largest integer a primary key, an OFFSET or a LIMIT can hold: PostgreSQL's bigint
# and SQLite's INTEGER are both signed 64-bit. A larger number from an address or a form
# cannot name a row, and sending it to the database is an error.
LARGEST_INTEGER = 2**63 - 1
