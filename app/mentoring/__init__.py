"""Mentoring: teachers new to the exchange paired with experienced colleagues elsewhere."""
