"""Finding partners: colleagues of other municipalities by what they chose to show."""
