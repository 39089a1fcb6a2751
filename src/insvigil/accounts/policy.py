"""Session lifetimes and the login lock (contract §6), in one place.

A session ends 8 hours after it was opened, or after 30 minutes without a request, whichever
comes first. Five failed sign-ins in a row lock the account for 15 minutes; a successful
sign-in resets the count.
"""

from __future__ import annotations

from datetime import timedelta

__all__ = ["LOCK_AFTER_FAILURES", "LOCK_DURATION", "SESSION_IDLE_TIMEOUT", "SESSION_LIFETIME"]

SESSION_LIFETIME = timedelta(hours=8)
SESSION_IDLE_TIMEOUT = timedelta(minutes=30)
LOCK_AFTER_FAILURES = 5
LOCK_DURATION = timedelta(minutes=15)
