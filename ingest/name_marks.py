"""What tells two people of one first name and surname apart: middle initials and a generational suffix.

``name_key`` drops middle initials ("George W. Bush" is keyed "george bush", as "Jerome H. Powell" is "jerome
powell"), and a person's key drops a generational suffix ("Donald Trump Jr." goes by Donald Trump), so that the
short forms of a name find it. But a father and a son often share every other word of their names: "George H.W.
Bush" and "George W. Bush", "Donald Trump" and "Donald Trump Jr.". ``mark`` reads, from a name as written, its
first name and surname (the ``base``) and what sets it apart (its middle initials and generation); two names of one
base with different marks are two people, and a name with no mark ("George Bush") is either of them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

from newsgraph.ingest.names import GENERATIONS, NOT_CURRENT, clean_name, fold, strip_titles

_INITIALS = re.compile(r"^(?:[a-z]\.)+[a-z]?$|^[a-z]$")
_WORD = re.compile(r"^[^\W\d_][\w'-]*$")


@lru_cache(maxsize=65536)
def mark(name: str) -> tuple[str, str] | None:
    """(base, mark) of a person's name as written: the base is its first name and surname folded, the mark its
    middle initials and generation ("" when it has neither); None for a name of fewer than two words.

    >>> mark("Former President George H.W. Bush"), mark("George W. Bush"), mark("George Bush")
    (('george bush', 'hw'), ('george bush', 'w'), ('george bush', ''))
    >>> mark("Donald Trump Jr."), mark("George H. W. Bush"), mark("Jerome H. Powell"), mark("Putin")
    (('donald trump', ' jr'), ('george bush', 'hw'), ('jerome powell', 'h'), None)
    """
    words = fold(clean_name(name)).replace(",", " ").split()
    while len(words) > 2 and words[0] in NOT_CURRENT:  # "former President George H.W. Bush"
        words = words[1:]
    words = strip_titles(words)
    generation = ""
    if len(words) >= 3 and words[-1].strip(".") in GENERATIONS:
        generation, words = words[-1].strip("."), words[:-1]
    words = [w for w in words if w not in {".", "-"}]
    if len(words) < 2 or not _WORD.match(words[0]) or not _WORD.match(words[-1].strip(".")):
        return None
    middle = words[1:-1]
    initials = "".join(w.replace(".", "") for w in middle if _INITIALS.match(w))
    return f"{words[0]} {words[-1].strip('.')}", initials + (f" {generation}" if generation else "")


def marks(names: Iterable[str]) -> dict[str, set[str]]:
    """Base → the marks the names of one entity carry for it ("" for a name with none).

    >>> {base: sorted(found) for base, found in marks(["George W. Bush", "George Bush", "Bush"]).items()}
    {'george bush': ['', 'w']}
    """
    found: dict[str, set[str]] = defaultdict(set)
    for name in names:
        if (got := mark(name)) is not None:
            found[got[0]].add(got[1])
    return dict(found)


def distinct(a: dict[str, set[str]], b: dict[str, set[str]]) -> bool:
    """Whether two entities' names of one base carry marks that cannot be one person's: each holds a mark the other
    lacks and they share none ("H.W." / "W.", "Jr." / "Sr."); a name with no mark fits any.

    >>> distinct(marks(["George H.W. Bush"]), marks(["George W. Bush", "George Bush"]))
    True
    >>> distinct(marks(["George Bush"]), marks(["George W. Bush"])), distinct(marks(["Jerome Powell"]),
    ...                                                                      marks(["Jerome H. Powell"]))
    (False, False)
    """
    for base, ours in a.items():
        theirs = b.get(base)
        if theirs is None:
            continue
        ours, theirs = ours - {""}, theirs - {""}
        if ours and theirs and not ours & theirs:
            return True
    return False


def apart(a: dict[str, set[str]], b: dict[str, set[str]]) -> bool:
    """Whether two names of one article are two people by their marks: ``distinct``, or of one base with a
    generation on one side only ("Donald Trump Jr." beside "Donald Trump": an article that writes the suffix of one
    and a full name without it means two people). A name with no initials may still be one with them ("Jerome
    Powell", "Jerome H. Powell").

    >>> apart(marks(["Donald Trump Jr."]), marks(["Donald Trump"])), apart(marks(["Trump"]), marks(["Donald Trump"]))
    (True, False)
    >>> apart(marks(["Jerome Powell"]), marks(["Jerome H. Powell"]))
    False
    """
    if distinct(a, b):
        return True
    return any(base in b and _generations(a[base]) != _generations(b[base]) for base in a)


def _generations(found: set[str]) -> set[str]:
    return {m.rpartition(" ")[2] for m in found if " " in m}
