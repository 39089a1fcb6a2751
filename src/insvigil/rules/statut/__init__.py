"""Rules of one family: one rule per module."""
