"""Name normalisation shared by in-article linking and cross-article resolution (no spaCy here).

Titles and honorifics, possessives, middle initials, case and diacritics are dropped by ``name_key``;
demonyms map to their country; a few spelling variants of countries map to one name.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

TITLES = frozenset(
    """mr mr. mrs mrs. ms ms. miss dr dr. prof prof. sir dame lord lady president vice-president vice
    prime minister pm chancellor premier king queen prince princess pope senator sen sen. rep rep. representative
    governor gov gov. mayor general gen gen. colonel col col. secretary minister ambassador judge justice
    chief chairman chairwoman chair ceo commissioner speaker sheikh emir crown foreign defence defense state
    officer spokesman spokeswoman spokesperson deputy interior finance leader lt lt. sgt sgt. capt capt. cpl
    maj msgr rev rev. insp det supt cmdr adm brig pvt""".split()
)

#: Role nouns that a definite description of a person can end in ("the Russian leader").
ROLE_NOUNS = frozenset(
    """president leader chief premier chancellor minister counterpart head king queen ruler strongman
    autocrat dictator commander""".split()
)

#: Role nouns that, said of a country with no other qualifier, all mean whoever leads it: "the Russian leader",
#: "Russia's president" and "the Russian chief" are one role, ``leader``.
HEAD_OF_STATE_ROLES = frozenset({"president", "leader", "chief", "head", "strongman", "autocrat", "ruler"})

#: Words that make a role noun a different role: "the Russian foreign minister", "the British prime minister".
ROLE_QUALIFIERS = frozenset("""prime foreign defence defense interior finance deputy vice justice health trade
economy energy home""".split())

#: Modifiers that say a description is not of the role's current holder ("the former US president", "the first
#: African American president", "the next leader"): such a description is never linked to a holder.
NOT_CURRENT = frozenset("""former ex late first second third fourth fifth previous next future then past
incoming would-be last""".split())

#: Generational suffixes after a person's name ("Jr.", "III"): no part of the surname ("Anthony LaCalamita III" goes by
#: LaCalamita), but two of them tell a father from a son.
GENERATIONS = frozenset({"jr", "sr", "ii", "iii", "iv"})


def without_generation(words: list[str]) -> list[str]:
    """The words of a person's name key without a generational suffix, when two words or more remain.

    >>> without_generation(["anthony", "lacalamita", "iii"]), without_generation(["king", "iii"])
    (['anthony', 'lacalamita'], ['king', 'iii'])
    """
    return words[:-1] if len(words) >= 3 and words[-1] in GENERATIONS else words

#: Abbreviations that begin place names, as written out ("Mt Cook" / "Mount Cook", "St. Louis" / "Saint Louis",
#: "Ft. Worth" / "Fort Worth"): the first word of a name only ("Main St." is a street).
PLACE_ABBREVIATIONS = {"mt": "mount", "mtn": "mountain", "ft": "fort", "st": "saint", "ste": "sainte"}

#: Legal-form suffixes of company names, dropped by ``name_key`` ("Apple Inc." = "Apple").
COMPANY_SUFFIXES = frozenset("""inc incorporated corp corporation co company ltd limited plc llc llp gmbh ag sa nv
bv""".split())

#: Nouns whose apposition or compound modifier is a name of a known type ("the broadcaster Susilne" → ORG).
TYPE_CUE_NOUNS = {
    **dict.fromkeys("""broadcaster network channel newspaper agency company firm platform outlet party bank ministry
    alliance organisation organization union club team corporation group""".split(), "ORG"),
    **dict.fromkeys("""city town village region province oblast district county plant hospital airport port
    capital suburb neighbourhood neighborhood""".split(), "GPE"),
}

#: "the annexation of Crimea": nouns whose "of" object is a place.
PLACE_OF_NOUNS = frozenset("""annexation invasion occupation liberation outskirts territory city region province
capital""".split())

DEMONYMS = {
    "russian": "Russia", "russians": "Russia", "ukrainian": "Ukraine", "ukrainians": "Ukraine",
    "american": "United States", "americans": "United States", "us": "United States",
    "british": "United Kingdom", "french": "France", "german": "Germany", "germans": "Germany",
    "chinese": "China", "european": "Europe", "europeans": "Europe", "israeli": "Israel", "israelis": "Israel",
    "iranian": "Iran", "saudi": "Saudi Arabia", "turkish": "Turkey", "polish": "Poland", "belarusian": "Belarus",
    "palestinian": "Palestine", "palestinians": "Palestine", "syrian": "Syria", "indian": "India",
    "japanese": "Japan", "korean": "Korea", "canadian": "Canada", "italian": "Italy", "spanish": "Spain",
    "soviet": "Soviet Union",
    **{word: country for country, words in (
        ("Afghanistan", "afghan afghans"), ("Albania", "albanian"), ("Algeria", "algerian"),
        ("Argentina", "argentine argentinian"), ("Armenia", "armenian"), ("Australia", "australian australians"),
        ("Austria", "austrian"), ("Azerbaijan", "azerbaijani"), ("Bangladesh", "bangladeshi"),
        ("Belgium", "belgian"), ("Bolivia", "bolivian"), ("Brazil", "brazilian brazilians"),
        ("Bulgaria", "bulgarian"), ("Cambodia", "cambodian"), ("Chile", "chilean"), ("Colombia", "colombian"),
        ("Croatia", "croatian"), ("Cuba", "cuban cubans"), ("Czech Republic", "czech"), ("Denmark", "danish"),
        ("Netherlands", "dutch"), ("Egypt", "egyptian egyptians"), ("Eritrea", "eritrean"), ("Estonia", "estonian"),
        ("Ethiopia", "ethiopian ethiopians"), ("Finland", "finnish"), ("Greece", "greek greeks"),
        ("Haiti", "haitian haitians"), ("Hungary", "hungarian"), ("Indonesia", "indonesian"),
        ("Iraq", "iraqi iraqis"), ("Ireland", "irish"), ("Jamaica", "jamaican"), ("Jordan", "jordanian"),
        ("Kenya", "kenyan kenyans"), ("Kuwait", "kuwaiti"), ("Latvia", "latvian"), ("Lebanon", "lebanese"),
        ("Libya", "libyan libyans"), ("Lithuania", "lithuanian"), ("Malaysia", "malaysian"),
        ("Mexico", "mexican mexicans"), ("Mongolia", "mongolian"), ("Morocco", "moroccan"),
        ("Nepal", "nepalese nepali"), ("Nigeria", "nigerian nigerians"), ("Norway", "norwegian"),
        ("Pakistan", "pakistani pakistanis"), ("Peru", "peruvian"), ("Philippines", "filipino filipinos"),
        ("Portugal", "portuguese"), ("Qatar", "qatari"), ("Romania", "romanian"), ("Rwanda", "rwandan"),
        ("Serbia", "serbian"), ("Singapore", "singaporean"), ("Slovakia", "slovak"),
        ("Somalia", "somali somalis somalian"), ("Sudan", "sudanese"), ("Sweden", "swedish"),
        ("Switzerland", "swiss"), ("Taiwan", "taiwanese"),
        ("Thailand", "thai"), ("Tunisia", "tunisian"), ("Uganda", "ugandan"), ("Uzbekistan", "uzbek uzbeks"),
        ("Venezuela", "venezuelan venezuelans"), ("Vietnam", "vietnamese"), ("Yemen", "yemeni yemenis"),
        ("Zimbabwe", "zimbabwean"))
       for word in words.split()},
}

#: Spellings of one place or body that share nothing a string key would find.
CANONICAL_NAMES = {
    "us": "United States", "usa": "United States", "america": "United States",
    "united states of america": "United States", "the united states": "United States",
    "uk": "United Kingdom", "britain": "United Kingdom", "great britain": "United Kingdom",
    "russian federation": "Russia", "kiev": "Kyiv", "nato": "NATO", "eu": "European Union",
    "un": "United Nations",
}

TITLE_WORDS = frozenset(t.strip(".") for t in TITLES)
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_INITIAL = re.compile(r"^[a-z]\.?$")
#: A run of single letters written with spaced or unspaced dots: "u . s .", "u.s.", "i . b . m".
_SPACED_LETTERS = re.compile(r"\b(?:[a-z] ?\. ?){1,}[a-z]\b\.?")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case, strip diacritics and fold typographic quotes and dashes.

    >>> fold("Zelenskyy’s Kyïv")
    "zelenskyy's kyiv"
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-").lower()


def clean_name(text: str) -> str:
    """Strip a leading article, a trailing possessive and the punctuation and symbols around a name as written
    (``name_bounds``; a final period too: "Apple Inc." is stored as "Apple Inc").

    >>> clean_name("the Kremlin’s"), clean_name("Eric Allen Kirkpatrick -"), clean_name("• Sovcomflot;")
    ('Kremlin', 'Eric Allen Kirkpatrick', 'Sovcomflot')
    >>> clean_name("Alternative for Germany (AfD)"), clean_name("(AfD)"), clean_name("Apple Inc.")
    ('Alternative for Germany (AfD)', 'AfD', 'Apple Inc')
    """
    text = " ".join(text.split())
    start, end = name_bounds(text, keep_period=False)
    text = _POSSESSIVE.sub("", text[start:end])
    if text.lower().startswith("the "):
        text = text[4:]
    return text.strip()


#: Punctuation and symbols that belong to a name at its start ("#MeToo", "’Ndrangheta") or end ("Canal+", "Yahoo!").
_NAME_FIRST_MARKS = frozenset("#@'’")
_NAME_LAST_MARKS = frozenset("+!")
_OPENING = {")": "(", "]": "[", "}": "{"}


def name_bounds(text: str, *, keep_period: bool = True) -> tuple[int, int]:
    """Where a name as written begins and ends in ``text``, without the spaces, punctuation and symbols around it
    (Unicode categories P* and S*: a list bullet, a dash, quotes, a trailing comma); a closing bracket whose opening
    one is in the name stays ("Alternative for Germany (AfD)"), and with ``keep_period`` a final period (of an
    abbreviation: "Inc.", "U.N.").

    >>> name_bounds("• Sovcomflot;"), name_bounds("▪Gazprom"), name_bounds("U.N.")
    ((2, 12), (1, 8), (0, 4))
    >>> name_bounds("U.N.", keep_period=False), name_bounds("Alternative for Germany (AfD)")
    ((0, 3), (0, 29))
    """
    def mark(char: str) -> bool:
        return char.isspace() or unicodedata.category(char)[0] in "PS"

    start, end = 0, len(text)
    while start < end and mark(text[start]) and text[start] not in _NAME_FIRST_MARKS:
        start += 1
    while end > start and mark(last := text[end - 1]) and last not in _NAME_LAST_MARKS and not (
            keep_period and last == "." or last in _OPENING and text.count(_OPENING[last], start, end) >= text.count(
                last, start, end)):
        end -= 1
    return start, end


def strip_titles(tokens: list[str]) -> list[str]:
    """Drop leading titles and honorifics ("President", "Mr.") unless nothing would remain.

    >>> strip_titles(["Vice-President", "JD", "Vance"])
    ['JD', 'Vance']
    """
    index = 0
    while index < len(tokens) - 1 and fold(tokens[index]).strip(".") in TITLE_WORDS:
        index += 1
    return tokens[index:]


@lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """The key two spellings of one name share: no titles, middle initials, possessives, case or diacritics, and
    no lower-case word before a capitalised name (a slug or "former" glued on by the parser).

    >>> name_key("President Vladimir V. Putin")
    'vladimir putin'
    >>> name_key("the U.S.")
    'united states'
    >>> name_key("U . S ."), name_key("Apple Inc."), name_key("International Business Machines Corp.")
    ('united states', 'apple', 'international business machines')
    >>> name_key("Ford Motor Company"), name_key("General Motors Corporation")
    ('ford motor', 'motors')
    >>> name_key("html Ellen DeGeneres"), name_key("Charles de Gaulle"), name_key("de Gaulle")
    ('ellen degeneres', 'charles de gaulle', 'de gaulle')
    >>> name_key("Mt. Cook"), name_key("St Louis"), name_key("Main St.")
    ('mount cook', 'saint louis', 'main st')
    """
    return _key(text, strip_title=True)


@lru_cache(maxsize=65536)
def titled_key(text: str) -> str:
    """``name_key`` with a leading title kept: the key of an organisation or a place, whose first word may be one
    ("General Motors", "Chief Executive Magazine").

    >>> titled_key("General Motors"), name_key("General Motors"), titled_key("Apple Inc.")
    ('general motors', 'motors', 'apple')
    """
    return _key(text, strip_title=False)


def _key(text: str, *, strip_title: bool) -> str:
    cleaned = _SPACED_LETTERS.sub(lambda m: m.group(0).replace(" ", "").replace(".", ""),
                                  fold(_drop_lower_prefix(clean_name(text))))
    cleaned = _drop_company_suffix(cleaned)
    if cleaned.replace(".", "") in CANONICAL_NAMES:
        return fold(CANONICAL_NAMES[cleaned.replace(".", "")])
    tokens = cleaned.replace("-", " - ").split()
    tokens = strip_titles(tokens) if strip_title else tokens
    if len(tokens) > 1 and tokens[0].strip(".") in PLACE_ABBREVIATIONS:  # "Mt. Cook" is Mount Cook
        tokens = [PLACE_ABBREVIATIONS[tokens[0].strip(".")], *tokens[1:]]
    tokens = [t for i, t in enumerate(tokens) if not (_INITIAL.match(t) and 0 < i < len(tokens) - 1)]
    key = " ".join(tokens).replace(" - ", "-")
    key = re.sub(r"[^\w\s'.-]", "", key).strip(" .")
    return fold(CANONICAL_NAMES[key]) if key in CANONICAL_NAMES else key


#: Lower-case words that belong to a name before its capitalised words ("de Gaulle", "van Gogh", "bin Salman").
NAME_PARTICLES = frozenset("""de del della der den di da das do dos du la le les van von ter ten al el bin ibn ben
bint abu st zu""".split())


def _drop_lower_prefix(text: str) -> str:
    """A name without the lower-case words before its first capitalised word ("html Ellen DeGeneres", "former
    President Bush"), unless they are name particles or nothing capitalised follows.

    >>> _drop_lower_prefix("html Ellen DeGeneres"), _drop_lower_prefix("van Gogh"), _drop_lower_prefix("united states")
    ('Ellen DeGeneres', 'van Gogh', 'united states')
    """
    words = text.split()
    at = 0
    while at < len(words) - 1 and words[at].isalpha() and words[at].islower() and words[at] not in NAME_PARTICLES:
        at += 1
    if at == 0 or not any(c.isupper() for c in words[at][:1]):
        return text
    return " ".join(words[at:])


def _drop_company_suffix(text: str) -> str:
    """A company name without its legal form ("Apple Inc." → "apple"), unless nothing else would remain.

    >>> _drop_company_suffix("ford motor co."), _drop_company_suffix("smith & co"), _drop_company_suffix("ltd")
    ('ford motor', 'smith', 'ltd')
    """
    words = text.replace(",", " ").split()
    while len(words) > 1 and words[-1].strip(".") in COMPANY_SUFFIXES:
        words.pop()
        while len(words) > 1 and words[-1] in {"&", "and"}:
            words.pop()
    return " ".join(words) if len(words) < len(text.replace(",", " ").split()) else text


def role_key(text: str) -> str:
    """A role as compared across articles: every head-of-state noun alone is ``leader``.

    >>> role_key("President"), role_key("chief"), role_key("Prime Minister")
    ('leader', 'leader', 'prime minister')
    """
    words = fold(text).replace(".", "").split()
    if len(words) == 1 and words[0] in HEAD_OF_STATE_ROLES:
        return "leader"
    return " ".join(words)


def surname(text: str) -> str:
    """The last word of a person's name, folded.

    >>> surname("Vladimir V. Putin")
    'putin'
    """
    parts = name_key(text).split()
    return parts[-1] if parts else ""


#: Keys of the names of countries, as ``name_key`` gives them ("us", "united states", "uk").
COUNTRY_KEYS = frozenset(fold(n) for n in [*CANONICAL_NAMES, *CANONICAL_NAMES.values(), *DEMONYMS.values()])


def without_country(key: str, places: frozenset[str] = frozenset()) -> str:
    """The name key of an organisation without the country or place it starts with, when two words or more remain
    ("united states air force" → "air force"); "" otherwise. ``places``: more place keys (the article's own).

    >>> without_country("us federal reserve"), without_country("united states air force")
    ('federal reserve', 'air force')
    >>> without_country("singapore airlines", frozenset({"singapore"})), without_country("air france")
    ('', '')
    """
    words = key.split()
    for n in (3, 2, 1):
        if len(words) - n >= 2 and (" ".join(words[:n]) in COUNTRY_KEYS or " ".join(words[:n]) in places):
            return " ".join(words[n:])
    return ""


def demonym_country(word: str) -> str | None:
    """The country a demonym or a country abbreviation stands for, if known.

    >>> demonym_country("Russian")
    'Russia'
    """
    return DEMONYMS.get(fold(word).replace(".", ""))


#: Latin letters that are no letter plus a diacritic, so that ``fold`` keeps them: spelled as ASCII in a slug.
_ASCII_LETTERS = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ħ": "h", "Ħ": "H",
                                "ı": "i", "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th",
                                "Þ": "Th", "ð": "d", "Ð": "D"})


def slug(text: str) -> str:
    """An id-safe slug of a name: ASCII letters and digits; a name with none (another script) gets a slug from
    its hash, the same whatever else a run holds.

    >>> slug("Volodymyr Zelenskyy"), slug("Łukasz Ødegaard"), slug("Владимир Путин")
    ('volodymyr-zelenskyy', 'lukasz-odegaard', 'x-dbb941d457')
    """
    out = re.sub(r"[^a-z0-9]+", "-", fold(text.translate(_ASCII_LETTERS))).strip("-")
    if out or not text.strip():
        return out or "x"
    return "x-" + hashlib.sha1(text.strip().encode("utf-8", "surrogatepass")).hexdigest()[:10]
