"""What happened to units and lessons: per unit, across the network, in watched documents."""
