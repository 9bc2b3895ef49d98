"""The Creative Commons licences a municipality, unit or lesson can carry."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Licence:
    code: str
    name: str
    url: str
    allows_derivatives: bool
    share_alike: bool
    non_commercial: bool


def _cc(code: str, name: str, path: str, **terms: bool) -> Licence:
    return Licence(code, name, f"https://creativecommons.org/{path}", **terms)


LICENCES: dict[str, Licence] = {
    licence.code: licence
    for licence in (
        _cc(
            "CC-BY-4.0",
            "CC BY 4.0",
            "licenses/by/4.0/",
            allows_derivatives=True,
            share_alike=False,
            non_commercial=False,
        ),
        _cc(
            "CC-BY-SA-4.0",
            "CC BY-SA 4.0",
            "licenses/by-sa/4.0/",
            allows_derivatives=True,
            share_alike=True,
            non_commercial=False,
        ),
        _cc(
            "CC-BY-NC-4.0",
            "CC BY-NC 4.0",
            "licenses/by-nc/4.0/",
            allows_derivatives=True,
            share_alike=False,
            non_commercial=True,
        ),
        _cc(
            "CC-BY-NC-SA-4.0",
            "CC BY-NC-SA 4.0",
            "licenses/by-nc-sa/4.0/",
            allows_derivatives=True,
            share_alike=True,
            non_commercial=True,
        ),
        _cc(
            "CC-BY-ND-4.0",
            "CC BY-ND 4.0",
            "licenses/by-nd/4.0/",
            allows_derivatives=False,
            share_alike=False,
            non_commercial=False,
        ),
        _cc(
            "CC-BY-NC-ND-4.0",
            "CC BY-NC-ND 4.0",
            "licenses/by-nc-nd/4.0/",
            allows_derivatives=False,
            share_alike=False,
            non_commercial=True,
        ),
        _cc(
            "CC0-1.0",
            "CC0 1.0",
            "publicdomain/zero/1.0/",
            allows_derivatives=True,
            share_alike=False,
            non_commercial=False,
        ),
    )
}
DEFAULT_LICENCE = "CC-BY-4.0"
