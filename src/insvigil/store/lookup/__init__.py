"""The lookup index and its search, with a SQLAlchemy driver and a plain ``sqlite3`` driver.

This package must not import SQLAlchemy on import: ``insvigil lookup`` reads SQLite with
``sqlite3`` alone.
"""
