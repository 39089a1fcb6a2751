"""The qualification engine: facts about one record, rules over them, the RNIV status.

Import :mod:`insvigil.engine.evaluate` for :class:`~insvigil.engine.evaluate.Engine`.
"""
