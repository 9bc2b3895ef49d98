"""A municipality's coordinator dashboard, its CSV exports and the printable annual report."""
