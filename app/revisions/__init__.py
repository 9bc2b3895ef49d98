"""A document's history: its revisions, a unit's timeline, old revisions and restoring them."""
