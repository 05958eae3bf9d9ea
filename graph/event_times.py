"""Tell apart happenings of one class in one story by the years their mentions are placed in.

Mentions of one event class in one story are one event (``newsgraph.graph.events``) unless something they carry
says they are different happenings. A time does: "the quake killed more than 26,000 people in Bam in December
2003" in a report of a 2005 quake, "Gigante was charged in 1957" and "convicted in 1997". A mention's year is the
year of its own time phrase (the ``date`` quantity ``newsgraph.ingest.quantities`` reads off its trigger), else,
for an event noun that is the subject or object of a dated mention ("a quake killed … in 2003", "razed by a quake"
in 2003), that mention's year, and for a verb whose subject or object is a dated event noun, that noun's year.

Within a class of a story, when its dated mentions name two years or more, the latest year keeps the class's
event (news tells the newest happening; older ones are its background: "she also hosted the Emmys in 2001"), with
every mention that names no year (most do: nothing says they are another happening); each other year is an event
of its own. A year after the publication year of every article of the class is what is planned or expected,
not what the articles report ("the town will be rebuilt by 2007" in a report of a 2005 quake): it keeps the event
only when more articles name it than name any year up to their publication ("will host the Oscars in 2014" in
three reports of 2013, "hosted the Emmys in 2001" in one), the one most articles name, the nearest on a tie.
A time phrase on another line than its trigger is the article's stamp, not the happening's time.
A year may also be told apart from its articles' present: a dated mention more than one year before its article's
publication year is a past happening when that article also has mentions of the class that name no year ("the
2003 quake" in a report published in 2005).
Numbers are no signal: different tolls of one quake are what ``contested`` finds.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence

from newsgraph.model import EventMention

#: Roles whose argument, when it is an event noun, shares the time of the mention it is an argument of.
_TIME_ROLES = frozenset({"subject", "object"})


def year_of(value: str) -> str:
    """The year of an ISO 8601 date, week or month ("" for none).

    >>> year_of("2003-12"), year_of("2025-W11"), year_of("1997"), year_of(""), year_of("PT2H")
    ('2003', '2025', '1997', '', '')
    """
    head = value[:4]
    return head if len(head) == 4 and head.isdigit() and (len(value) == 4 or value[4] == "-") else ""


def own_year(mention: EventMention, text: str = "") -> str:
    """The year of a mention's own time phrase ("" for none). With the article's ``text``, only a phrase on the
    trigger's own line counts: a date the parser joined to a headline from the line below is the article's
    stamp ("To Host Oscars" / "Friday August 2, 2013 @ 8:13am"), not when the happening was.

    >>> from newsgraph.model import Quantity
    >>> stamped = EventMention("a", 0, 4, "Host", "host", "host", "verbal", 0, 30,
    ...                        quantities=(Quantity("date", "2013-08-02", "", "August 2, 2013"),))
    >>> own_year(stamped), own_year(stamped, "Host Oscars\\nFriday August 2, 2013")
    ('2013', '')
    """
    if text:
        line = text[text.rfind("\n", 0, mention.start) + 1:]
        line = line[:line.find("\n")] if "\n" in line else line
    return next((y for q in mention.quantities if q.kind == "date" and (y := year_of(q.value))
                 and (not text or q.text in line)), "")


def mention_years(events: Sequence[EventMention], text: str = "") -> dict[int, str]:
    """The year of each mention of one article (``text``: the article's text) that has one, by trigger start: its
    own, else the year of the mention it is the subject or object of ("a quake killed … in 2003": the quake's),
    else the year of its dated subject or object event ("the 2003 quake killed …": the killing's)."""
    found = {m.start: y for m in events if (y := own_year(m, text))}
    at = {m.start: m for m in events}
    inherited: dict[int, str] = {}
    for mention in events:
        year = found.get(mention.start)
        for p in mention.participants:
            if p.role not in _TIME_ROLES:
                continue
            inside = [s for s in at if p.arg.start <= s < p.arg.end and s != mention.start]
            for start in inside:
                if year and start not in found:
                    inherited.setdefault(start, year)
                elif not year and start in found:
                    inherited.setdefault(mention.start, found[start])
    return found | {s: y for s, y in inherited.items() if s not in found}


def time_split(mentions: Iterable[tuple[str, EventMention]], years: Mapping[tuple[str, int], str],
               published: Mapping[str, str] | None = None) -> dict[tuple[str, int], str]:
    """The key suffix of each mention of one class in one story that is another happening than the class's event
    by its year (``years``: (source, trigger start) → year, for the dated mentions; ``published``: source → its
    publication year, where known).

    >>> m = lambda start: EventMention("a", start, start + 1, "x", "x", "x", "nominal", 0, 9)
    >>> years = {("a", 0): "2005", ("b", 0): "2005", ("c", 0): "2003", ("c", 5): "2003"}
    >>> sorted(time_split([("a", m(0)), ("b", m(0)), ("c", m(0)), ("c", m(5)), ("c", m(9))], years).items())
    [(('c', 0), '\\x1fin 2003'), (('c', 5), '\\x1fin 2003')]
    >>> time_split([("a", m(0)), ("c", m(0)), ("c", m(9))], {("c", 0): "2003"})
    {}
    >>> time_split([("a", m(0)), ("c", m(0)), ("c", m(9))], {("c", 0): "2003"}, {"c": "2005"})
    {('c', 0): '\\x1fin 2003'}
    >>> time_split([("a", m(0)), ("a", m(5)), ("a", m(9))], {("a", 0): "2005", ("a", 5): "2006"}, {"a": "2005-11"})
    {('a', 5): '\\x1fin 2006'}
    """
    published = published or {}
    mentions = list(mentions)
    count: Counter[str] = Counter()
    dated: dict[str, set[str]] = defaultdict(set)  # source → the years of its dated mentions of the class
    undated: set[str] = set()  # the sources with a mention of the class that names no year
    for source, mention in mentions:
        year = years.get((source, mention.start), "")
        if year:
            count[year] += 1
            dated[source].add(year)
        else:
            undated.add(source)
    if not count:
        return {}
    latest = max((int(y) for source in set(dated) | undated if (y := year_of(published.get(source, "")))),
                 default=0)  # the latest publication year of the class's articles, 0 when none is known
    main = _main_year(count, dated, latest)
    apart = set(count) - {main}
    if not apart and not any(source in undated and int(main) < int(year_of(published.get(source, "")) or 0) - 1
                             for source in dated):
        return {}
    apart = apart or {main}  # one year, which an article naming it otherwise tells of as past
    return {(source, mention.start): f"\x1fin {year}" for source, mention in mentions
            if (year := years.get((source, mention.start), "")) in apart}


def _main_year(count: Counter[str], dated: Mapping[str, set[str]], latest: int) -> str:
    """The year that keeps the class's event: the latest, but not one after ``latest`` (the latest publication
    year of the class's articles, 0 when unknown) unless more articles name it than name any year up to it (see
    the module notes)."""
    reported = [year for year in count if int(year) <= latest]
    ahead = [year for year in count if int(year) > latest]
    if not latest or not reported or not ahead:
        return max(count, key=int)
    named = Counter(year for years in dated.values() for year in years)  # year → how many articles name it
    planned = max(ahead, key=lambda year: (named[year], -int(year)))
    return planned if named[planned] > max(named[year] for year in reported) else max(reported, key=int)
