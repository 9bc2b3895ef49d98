"""What a browser sends from the rubric form: the fields of every row, as the form names them."""

#: A criterion's levels as (score, descriptor), lowest first.
LEVELS = (
    ("1", "Hazards are not mentioned."),
    ("2", "Some hazards are named."),
    ("3", "Every hazard is named with a precaution."),
    ("4", "Students write the risk assessment themselves."),
)


def rubric_form(name="Workshop safety", criteria=(("Hazards", LEVELS),), **fields) -> dict:
    """``criteria``: (title, levels) pairs; ``fields`` add to or replace any field."""
    data = {"name": name, "description": "", "language": "en", "threshold": "3"}
    data["change_note"] = ""
    for index, (title, levels) in enumerate(criteria):
        prefix = f"criteria-{index}-"
        data |= {f"{prefix}title": title, f"{prefix}description": "", f"{prefix}weight": "1"}
        for level, (score, descriptor) in enumerate(levels):
            data[f"{prefix}levels-{level}-score"] = score
            data[f"{prefix}levels-{level}-descriptor"] = descriptor
    return data | fields
