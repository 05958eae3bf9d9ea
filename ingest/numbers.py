"""Numbers, durations, percentages and sums of money as written in news, normalised.

One public function, ``normalise_quantity(text, label)``: the phrase of a number-like entity (the spaCy labels
CARDINAL, QUANTITY, TIME, DATE, PERCENT, MONEY) as a ``Quantity`` with its kind, its value as plain text and its
unit, or None when it names no definite value ("several", "dozens of", "tens of thousands"), names a point in
time rather than a length ("Tuesday", "5 p.m.", "two days ago": dates are resolved by
``newsgraph.ingest.dates``), or cannot be read.

Numbers are read in digits ("3", "1,200", "3.5", "1.5 million") and in words ("three", "twenty-one", "one
hundred and five", "two dozen", "two and a half", "half a million"). Durations become ISO 8601 durations in
one canonical form, so that one length is one text: the time part is carried into the largest unit up to the
day ("90 minutes" and "an hour and a half" are both ``PT1H30M``, "48 hours" and "two days" both ``P2D``), weeks
become days ("a week" is ``P7D``) and months years ("18 months" is ``P1Y6M``). A day is 24 hours here, as news
means it; months and years are never turned into days (a month is 28 to 31 days), so "a month" (``P1M``) and
"30 days" (``P30D``) stay two texts of lengths that cannot be compared exactly, and a duration with a year or
month part has the unit ``calendar`` (the others none), so that it is compared only with its like. Leading
approximators
("about", "more than", "at least", "nearly") are dropped from the value and set ``approximate``.

The maintained number-word parsers on PyPI read neither "1,200" nor "two dozen" nor "two and a half", so the
reading is done here, with the word lists below (general English).
"""

from __future__ import annotations

import re

from newsgraph.model import Quantity

#: Words worth a number below twenty, and the tens.
UNITS = {w: i for i, w in enumerate("""zero one two three four five six seven eight nine ten eleven twelve thirteen
    fourteen fifteen sixteen seventeen eighteen nineteen""".split())}
TENS = {w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)}
#: Words that close a group of thousands ("two million three hundred thousand").
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "k": 1e3, "m": 1e6, "mn": 1e6,
          "bn": 1e9, "b": 1e9, "tn": 1e12}
FRACTIONS = {"half": 0.5, "quarter": 0.25}
#: Words that hedge the number after them, longest first so that "more than" wins over "more".
APPROXIMATORS = ("as many as", "as much as", "more than", "less than", "fewer than", "at least", "at most",
                 "up to", "close to", "just over", "just under", "upwards of", "in excess of", "an estimated",
                 "approximately", "about", "around", "roughly", "nearly", "almost", "some", "over", "under",
                 "estimated", "approx.", "approx", "circa", "c.", "~", "some")
#: Duration units: ISO 8601 designator, and seconds for the units of the time part.
DURATION_UNITS = {"second": ("S", 1), "sec": ("S", 1), "minute": ("M", 60), "min": ("M", 60), "hour": ("H", 3600),
                  "hr": ("H", 3600), "day": ("D", 0), "week": ("W", 0), "fortnight": ("W2", 0), "month": ("M", 0),
                  "year": ("Y", 0), "decade": ("Y10", 0), "century": ("Y100", 0)}
#: Words that make a duration phrase name a point in time or an age, not a length.
NOT_DURATION = frozenset({"ago", "old", "last", "next", "this", "earlier", "later", "before", "after", "since",
                          "past", "previous", "coming", "following", "early", "late", "mid", "today", "tomorrow",
                          "yesterday"})
CURRENCY_SYMBOLS = {"us$": "USD", "$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "₹": "INR", "₽": "RUB",
                    "₴": "UAH", "c$": "CAD", "a$": "AUD", "hk$": "HKD"}
CURRENCY_WORDS = {"dollar": "USD", "euro": "EUR", "pound": "GBP", "sterling": "GBP", "yen": "JPY", "yuan": "CNY",
                  "renminbi": "CNY", "rupee": "INR", "rouble": "RUB", "ruble": "RUB", "hryvnia": "UAH",
                  "franc": "CHF", "usd": "USD", "eur": "EUR", "gbp": "GBP", "cent": "USD/100", "penny": "GBP/100",
                  "pence": "GBP/100"}
#: Spellings of common measure units, as one name each.
AMOUNT_UNITS = {"kilometre": "km", "kilometer": "km", "km": "km", "mile": "mi", "metre": "m", "meter": "m",
                "m": "m", "foot": "ft", "feet": "ft", "ft": "ft", "kilogram": "kg", "kilo": "kg", "kg": "kg",
                "pound": "lb", "lb": "lb", "lbs": "lb", "tonne": "t", "ton": "t", "litre": "l", "liter": "l",
                "barrel": "barrel", "acre": "acre", "hectare": "ha", "gallon": "gal", "degree": "degree",
                "magnitude": "magnitude"}

_NUMBER = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$|^\d+(\.\d+)?$|^\.\d+$")
_WORD = re.compile(r"[a-z]+\.?|\d[\d,]*(?:\.\d+)?|\.\d+|[$£€¥₹₽₴%~]")


def normalise_quantity(text: str, label: str = "CARDINAL") -> Quantity | None:
    """The quantity a phrase names, or None when it names no definite value (or a point in time).

    Args:
        text: the phrase as written ("a two-hour", "two and a half hours", "$1.2 million", "3.5 percent").
        label: its spaCy entity label: CARDINAL (a count), QUANTITY, TIME, DATE, PERCENT or MONEY. The label
            only breaks ties: a phrase with a duration unit is a duration whatever its label.

    >>> normalise_quantity("two-hour", "TIME")
    Quantity(kind='duration', value='PT2H', unit='', text='two-hour', approximate=False)
    >>> [normalise_quantity(t, "TIME").value for t in ("two and a half hours", "90 minutes", "an hour and a half")]
    ['PT2H30M', 'PT1H30M', 'PT1H30M']
    >>> [normalise_quantity(t).value for t in ("three", "1,200", "two dozen", "1.5 million", "half a million")]
    ['3', '1200', '24', '1500000', '500000']
    >>> normalise_quantity("more than 200").approximate, normalise_quantity("several") is None
    (True, True)
    >>> q = normalise_quantity("$1.2 million", "MONEY"); q.kind, q.value, q.unit
    ('money', '1200000', 'USD')
    >>> q = normalise_quantity("3.5 percent", "PERCENT"); q.kind, q.value, q.unit
    ('percent', '3.5', '%')
    >>> normalise_quantity("two days ago", "DATE") is None, normalise_quantity("Tuesday", "DATE") is None
    (True, True)
    >>> normalise_quantity("a year and a half", "DATE").value, normalise_quantity("three weeks", "DATE").value
    ('P1Y6M', 'P21D')
    """
    words = _words(text)
    approximate = False
    for phrase in APPROXIMATORS:
        head = phrase.split()
        if words[:len(head)] == head and len(words) > len(head):
            words, approximate = words[len(head):], True
            break
    if len(words) > 1 and words[0] in {"a", "an", "the"} and (words[1] in UNITS or words[1] in TENS
                                                             or _NUMBER.match(words[1])):
        words = words[1:]  # "a 12-year sentence", "the two-hour call"
    if not words:
        return None
    singular = [_singular(w) for w in words]
    if any(w in DURATION_UNITS for w in singular):
        if any(w in NOT_DURATION for w in words):
            return None
        value = _duration(singular)
        if value is None:
            return None
        calendar = any(letter in value.split("T")[0] for letter in "YM")
        return Quantity("duration", value, "calendar" if calendar else "", text, approximate)
    if label in {"DATE", "TIME"}:
        return None  # a point in time ("Tuesday", "5 p.m.", "2012"): dates are resolved elsewhere
    if label == "PERCENT" or words[-1] in {"%", "percent", "per"} or words[-2:] == ["per", "cent"] \
            or words[-2:] == ["percentage", "points"]:
        unit = "pp" if "points" in words else "%"
        number = _number([w for w in words if w not in {"%", "percent", "per", "cent", "percentage", "points"}])
        return None if number is None else Quantity("percent", _format(number), unit, text, approximate)
    if label == "MONEY" or words[0] in CURRENCY_SYMBOLS:
        return _money(words, singular, text, approximate)
    number = _number(words)
    if number is not None:
        return Quantity("count", _format(number), "", text, approximate)
    if label == "QUANTITY":
        for cut in range(len(words) - 1, 0, -1):  # "5 km", "10,000 tonnes", "two square miles"
            number = _number(words[:cut])
            if number is not None:
                unit = " ".join(AMOUNT_UNITS.get(w, w) for w in singular[cut:])
                return Quantity("amount", _format(number), unit, text, approximate)
    return None


def _words(text: str) -> list[str]:
    """The lower-case words and numbers of ``text``, hyphens and "a"/"an" kept as words.

    >>> _words("A two-hour, 1,200-word $3.5bn")
    ['a', 'two', 'hour', '1,200', 'word', '$', '3.5', 'bn']
    """
    return [w for w in _WORD.findall(text.lower().replace("us$", "$ ").replace("-", " ")) if w != "."]


def _singular(word: str) -> str:
    """``word`` without a plural ending when the singular is a unit this module knows.

    >>> _singular("hours"), _singular("centuries"), _singular("feet"), _singular("ks")
    ('hour', 'century', 'feet', 'ks')
    """
    known = DURATION_UNITS.keys() | CURRENCY_WORDS.keys() | AMOUNT_UNITS.keys()
    for cut, add in (("ies", "y"), ("s", ""), ("es", "")):
        if word.endswith(cut) and word[:-len(cut)] + add in known and len(word) > 3:
            return word[:-len(cut)] + add
    return word


def _number(words: list[str]) -> float | None:
    """The value of a number written in digits, words or both, or None.

    >>> [_number(t.split()) for t in ("twenty one", "one hundred and five", "two and a half", "a dozen")]
    [21.0, 105.0, 2.5, 12.0]
    >>> [_number(t.split()) for t in ("one and a half million", "two thousand three hundred", "a quarter")]
    [1500000.0, 2300.0, 0.25]
    >>> _number(["one", "two"]), _number(["dozens"]), _number(["and"]), _number(["3.5", "bn"]), _number(["000"])
    (None, None, None, 3500000000.0, None)
    """
    words = [w for k, w in enumerate(words)  # "half a million" is half of a million, "half a" (day) a half
             if not (w in {"a", "an"} and k and words[k - 1] in FRACTIONS)]
    if not words:
        return None
    total = current = 0.0
    last = ""  # the kind of the previous word: unit, teen, ten, digits, a, fraction, multiplier, scale
    seen = False
    for k, word in enumerate(words):
        if word == "and":
            continue
        if word in {"a", "an"}:
            current, last = current + 1, "a"
        elif word in FRACTIONS:
            if last == "a":
                current -= 1  # "a half"
            elif last in {"unit", "teen", "ten", "digits"} and words[k - 1] != "and":
                return None  # "two half"
            current += FRACTIONS[word]
            last = "fraction"
        elif word in UNITS:
            if last in {"unit", "teen", "digits"} or last == "ten" and UNITS[word] >= 10 or last == "a":
                return None
            current += UNITS[word]
            last = "teen" if UNITS[word] >= 10 else "unit"
        elif word in TENS:
            if last in {"unit", "teen", "ten", "digits", "a"}:
                return None
            current += TENS[word]
            last = "ten"
        elif _NUMBER.match(word):
            if last in {"unit", "teen", "ten", "digits", "a", "fraction"} or word[:1] == "0" and word[1:2].isdigit():
                return None  # "000" of a number split at its separator, "09" of a date or an address
            current += float(word.replace(",", ""))
            last = "digits"
        elif word in {"hundred", "dozen"} and last:
            current = (current or 1) * (100 if word == "hundred" else 12)
            last = "multiplier"
        elif word in SCALES and last and (len(word) > 2 or last == "digits"):
            total += (current or 1) * SCALES[word]
            current, last = 0.0, "scale"
        else:
            return None
        seen = True
    return total + current if seen else None


def _duration(words: list[str]) -> str | None:
    """An ISO 8601 duration from words whose units are singular, or None.

    >>> _duration("two hour and a half".split()), _duration("one hour and 30 minute".split())
    ('PT2H30M', 'PT1H30M')
    >>> _duration("a day and a half".split()), _duration("2 year".split()), _duration("hour".split())
    ('P1DT12H', 'P2Y', None)
    >>> _duration("half a day".split()), _duration("half an hour".split()), _duration("a quarter of an hour".split())
    ('PT12H', 'PT30M', None)
    """
    seconds = 0.0
    date_part: dict[str, float] = {}
    pending: list[str] = []
    last_unit = ""
    for word in words:
        if word in DURATION_UNITS:
            number = _number(pending)  # "an hour" is one; "hours" and "decades" alone are no length
            if number is None:
                return None
            letter, size = DURATION_UNITS[word]
            if size:
                seconds += number * size
            else:
                date_part[letter[0]] = date_part.get(letter[0], 0.0) + number * float(letter[1:] or 1)
            pending, last_unit = [], word
        else:
            pending.append(word)
    if pending:  # "two hours and a half": a fraction after the unit is a fraction of it
        fraction = [w for w in pending if w not in {"and", "a", "an"}]
        if not last_unit or fraction not in (["half"], ["quarter"]):
            return None
        letter, size = DURATION_UNITS[last_unit]
        if size:
            seconds += FRACTIONS[fraction[0]] * size
        else:
            date_part[letter[0]] = date_part.get(letter[0], 0.0) + FRACTIONS[fraction[0]] * float(letter[1:] or 1)
    return _iso_duration(date_part, seconds)


def _iso_duration(date_part: dict[str, float], seconds: float) -> str:
    """ISO 8601 text of a duration in the canonical form (see the module notes): fractions of years go into
    months and whole twelves of months into years; weeks into days; fractions of days into hours and whole days
    of the time part into days.

    >>> _iso_duration({"Y": 1.5}, 0), _iso_duration({"W": 1.5}, 0), _iso_duration({}, 5400)
    ('P1Y6M', 'P10DT12H', 'PT1H30M')
    >>> _iso_duration({}, 48 * 3600), _iso_duration({"W": 1}, 0), _iso_duration({"M": 18}, 0)
    ('P2D', 'P7D', 'P1Y6M')
    """
    years, months = date_part.get("Y", 0.0), date_part.get("M", 0.0)
    days = date_part.get("D", 0.0) + date_part.get("W", 0.0) * 7
    months += (years % 1) * 12
    years, months = float(int(years) + int(months // 12)), months % 12
    seconds += (days % 1) * 86400
    whole, seconds = divmod(round(seconds, 3), 86400)
    days = float(int(days) + int(whole))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    out = "P" + "".join(f"{_format(v)}{d}" for v, d in ((years, "Y"), (months, "M"), (days, "D")) if v)
    time = "".join(f"{_format(v)}{d}" for v, d in ((hours, "H"), (minutes, "M"), (secs, "S")) if v)
    return out + ("T" + time if time else "") if out != "P" or time else "PT0S"


def _money(words: list[str], singular: list[str], text: str, approximate: bool) -> Quantity | None:
    """A sum of money: its currency from a symbol or a currency word, its amount from the rest."""
    unit = ""
    rest = []
    for word, single in zip(words, singular):
        if word in CURRENCY_SYMBOLS and not unit:
            unit = CURRENCY_SYMBOLS[word]
        elif single in CURRENCY_WORDS and not unit or single in CURRENCY_WORDS and unit == CURRENCY_WORDS[single]:
            unit = CURRENCY_WORDS[single]
        elif word not in {"us", "u.s.", "of"}:
            rest.append(word)
    number = _number(rest)
    if number is None:
        return None
    if unit.endswith("/100"):
        number, unit = number / 100, unit[:-4]
    return Quantity("money", _format(number), unit, text, approximate)


def _format(value: float) -> str:
    """A number as plain text: an integer without a decimal point, a fraction to six places, no trailing zeros.

    >>> _format(1200.0), _format(2.5), _format(1 / 3)
    ('1200', '2.5', '0.333333')
    """
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.6f}".rstrip("0").rstrip(".")
