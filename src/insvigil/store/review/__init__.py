"""The review queue: items, decisions, order, counts, worklist, structures, scoping, indicators."""
