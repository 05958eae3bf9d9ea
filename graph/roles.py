"""The analyst's roles file: who held a role, and when, as standing knowledge for role descriptions.

Cross-article resolution links a role description an article does not settle ("the Russian leader" in an article
that names no Russian leader) first to the one holder other articles of the same days name, then to a holder this
file gives for the article's date, else to no one. The file is plain text, one role a line::

    # country | role | holder | from (optional) | until (optional); dates ISO 8601 (YYYY, YYYY-MM or YYYY-MM-DD)
    Russia        | president | Vladimir Putin | 2012-05-07
    United States | president | George W. Bush | 2001-01-20 | 2009-01-20

Countries and holders are compared by their normalised key (``name_key``: "the U.S." = "United States"); a role is
a role noun, with every head-of-state noun (president, leader, chief, head, ruler) one role, ``leader``
(``role_key``). A line with dates holds only for articles dated inside them; an undated article gets only undated
lines. Blank lines and ``#`` comments are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from newsgraph.errors import BadSetting
from newsgraph.graph.overrides import read_analyst_file
from newsgraph.ingest.names import name_key, role_key
from newsgraph.model import LocalEntity

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _real_date(text: str) -> bool:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` naming a year, month or day there is ("2021-13-45" is none).

    >>> _real_date("2021"), _real_date("2021-02"), _real_date("2024-02-29"), _real_date("2021-13-45")
    (True, True, True, False)
    """
    if not _DATE.match(text):
        return False
    try:
        date.fromisoformat((text + "-01-01")[:10])
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class RoleLine:
    """One line of a roles file: ``holder`` held ``role`` of ``country`` from ``start`` until ``end`` (ISO, "")."""

    country: str  # name key
    role: str  # role key
    holder: str  # as written
    start: str = ""
    end: str = ""
    origin: str = ""  # "file:line"

    def holds_on(self, date: str) -> bool:
        """Whether the line covers an article of this ISO date ("" = undated: only an undated line covers it).

        >>> RoleLine("russia", "leader", "X", "2012-05-07").holds_on("2025-03-18")
        True
        >>> RoleLine("united states", "leader", "Y", "2001", "2009-01-20").holds_on("2025-03-18")
        False
        """
        if not date:
            return not (self.start or self.end)
        day = date[:10]
        return (not self.start or day >= self.start) and (not self.end or day[:len(self.end)] <= self.end)


@dataclass(frozen=True)
class Roles:
    """The lines of a roles file.

    >>> book = Roles((RoleLine("united states", "leader", "George W. Bush", "2001-01-20", "2009-01-20"),))
    >>> [r.holder for r in book.holders("United States", "president", "2005-06-01")], book.holders("US", "leader", "")
    (['George W. Bush'], [])
    """

    lines: tuple[RoleLine, ...] = ()

    def holders(self, country: str, role: str, date: str) -> list[RoleLine]:
        """The lines for this country and role that cover an article of this date."""
        country_key, role_word = name_key(country), role_key(role)
        return [r for r in self.lines if r.country == country_key and r.role == role_word and r.holds_on(date)]

    def __bool__(self) -> bool:
        return bool(self.lines)


def load_roles(path: str | Path) -> Roles:
    """Read a roles file.

    Raises:
        BadSetting: the file is missing or unreadable, or a line is not ``country | role | holder [| from [|
            until]]`` with ISO dates (one line naming the file, the line number and the problem).
    """
    path = Path(path)
    text = read_analyst_file(path, "roles")
    lines = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        fields = [f.strip() for f in line.split("|")]
        where = f"{path}:{number}"
        if not 3 <= len(fields) <= 5 or not all(fields[:3]):
            raise BadSetting(f"{where}: expected 'country | role | holder [| from [| until]]', got {raw.strip()!r}")
        country, role, holder, *dates = fields
        if not name_key(country) or not name_key(holder) or not role_key(role):
            raise BadSetting(f"{where}: the country, role and holder must be names, got {raw.strip()!r}")
        for day in dates:
            if day and not _real_date(day):
                raise BadSetting(f"{where}: {day!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
        start, end = (dates + ["", ""])[:2]
        if start and end and end < start[:len(end)]:
            raise BadSetting(f"{where}: the role ends ({end}) before it starts ({start})")
        lines.append(RoleLine(name_key(country), role_key(role), holder, start, end, where))
    return Roles(tuple(lines))


@dataclass(frozen=True)
class RoleHolder:
    """A person an article names as holding a role: the entity resolution put it in (``cluster``), the name it
    was given there, that article, its date and the sentence that says so."""

    cluster: Any
    name: str
    source: str
    published: str
    evidence: str


def holder_in_other_articles(local: LocalEntity, published: str,
                             holders: Mapping[tuple[str, str], Sequence[RoleHolder]],
                             window_days: int) -> tuple[RoleHolder | None, str]:
    """The one holder that other articles dated within ``window_days`` of a role description's article name for
    its role (``holders`` by (country key, role key)), and the explanation; None when there is none or more than
    one entity, or either article is undated.

    >>> described = LocalEntity("b", 0, "the Russian leader", "Person", (), role=("Russia", "leader"))
    >>> holders = {("russia", "leader"): [RoleHolder("putin", "Vladimir Putin", "a", "2025-03-18", "…")]}
    >>> holder_in_other_articles(described, "2025-03-19", holders, 10)[0].cluster
    'putin'
    >>> holder_in_other_articles(described, "2019-03-19", holders, 10)[0] is None
    True
    """
    country, role = local.role[0], local.role[1]
    day = _day(published)
    if day is None:
        return None, ""
    near = [h for h in holders.get((name_key(country), role_key(role)), ())
            if h.source != local.source and (d := _day(h.published)) is not None and abs((d - day).days) <= window_days]
    if len({id(h.cluster) for h in near}) != 1:
        return None, ""
    h = near[0]
    return h, (f"{local.name!r} ({role} of {country}, {published}): {h.source} ({h.published}) names {h.name!r} "
               f"{role} of {country}: “{h.evidence}”")


def _day(iso: str) -> date | None:
    try:
        return date.fromisoformat(iso[:10]) if len(iso) >= 10 else None
    except ValueError:
        return None
