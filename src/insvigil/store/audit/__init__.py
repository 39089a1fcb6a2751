"""The audit trail: the hash chain, its anchors, reading it and verifying it against the queue."""
