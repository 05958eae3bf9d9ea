"""A lone surname inside one article given the key of the person it stands for.

"Williams" written alone joins the full name it ends when the article names one person of that surname, and
stays apart when it names two ("Sam Williams" and "Esther Williams"). Two refinements make that choice as a reader
makes it:

- **a generational suffix is no part of the surname**: "Anthony LaCalamita III" has the surname LaCalamita, so
  "LaCalamita" finds him, not only the names whose last word it is;
- **a lone surname refers back**: of the people of that surname, those the article has named before it are its
  candidates, when any are. "LaCalamita" in the body of a report that names "Anthony LaCalamita III" in its second
  sentence and his wife "Michele LaCalamita" in its last is him; a surname written before any full name of it
  (a headline) still joins the one person the whole article gives that surname;
- **a full name with other initials or another generation is another person** (``newsgraph.ingest.name_marks``):
  "George W. Bush" beside "George H.W. Bush", "Donald Trump" beside "Donald Trump Jr." (father and son share the
  rest of their names); "Jerome Powell" still joins "Jerome H. Powell".
"""

from __future__ import annotations

from collections import Counter, defaultdict

from newsgraph.ingest.found import Found
from newsgraph.ingest.name_marks import apart, marks
from newsgraph.ingest.names import without_generation

_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def surname_of(key: str) -> str:
    """The surname of a person's name key: its last word, or the word before a generational suffix.

    >>> surname_of("anthony lacalamita iii"), surname_of("sam williams"), surname_of("king iii")
    ('lacalamita', 'williams', 'iii')
    """
    words = without_generation(key.split())
    return words[-1] if words else ""


def link_surnames(found: list[Found]) -> list[Found]:
    """Give a lone surname (or a first-and-last name with extra initials) the key of the full name it stands for:
    of the article's people of that surname, those named before it if any are, else all of them; linked when they
    share one first name; a short form of two words or more that ends a fuller name of the article ("Rodríguez
    Zapatero", "Lo Presti") is that person. A lone surname the model tags a place is a person where the article
    also writes it alone as a person's name and ends the full name of one of its people ("took Chohan to hospital"
    beside "Raj Chohan" and "Chohan, who …"); a lone word the model tags an
    organisation that starts or ends an organisation's name in the article is that organisation ("Ford" beside
    "Ford Motor Company" and "William Clay Ford Jr.").

    >>> found = [Found(0, 3, "Anthony LaCalamita III", "PERSON", "name", "anthony lacalamita iii"),
    ...          Found(9, 10, "LaCalamita", "PERSON", "name", "lacalamita"),
    ...          Found(30, 32, "Michele LaCalamita", "PERSON", "name", "michele lacalamita")]
    >>> [item.key for item in link_surnames(found)]
    ['anthony lacalamita iii', 'anthony lacalamita iii', 'michele lacalamita']
    >>> found = [Found(0, 4, "José Luis Rodríguez Zapatero", "PERSON", "name", "jose luis rodriguez zapatero"),
    ...          Found(9, 11, "Rodríguez Zapatero", "PERSON", "name", "rodriguez zapatero"),
    ...          Found(20, 22, "Luis Zapatero", "PERSON", "name", "luis zapatero")]
    >>> [item.key for item in link_surnames(found)]  # a short form is a trailing run of the full name's words
    ['jose luis rodriguez zapatero', 'jose luis rodriguez zapatero', 'luis zapatero']
    >>> found = [Found(0, 3, "Ford Motor Company", "ORG", "name", "ford motor company"),
    ...          Found(5, 9, "William Clay Ford Jr.", "PERSON", "name", "william clay ford jr"),
    ...          Found(12, 13, "Ford", "ORG", "name", "ford"), Found(20, 21, "Ford", "PERSON", "name", "ford")]
    >>> [item.key for item in link_surnames(found)]
    ['ford motor company', 'william clay ford jr', 'ford', 'william clay ford jr']
    """
    _tagged_otherwise(found)
    counts = Counter(item.key for item in found if item.label == "PERSON" and len(item.key.split()) >= 2)
    first_named: dict[str, int] = {}
    for item in found:
        if item.key in counts:
            first_named[item.key] = min(first_named.get(item.key, item.start), item.start)
    by_surname: dict[str, list[str]] = defaultdict(list)
    for key in sorted(counts, key=lambda k: (-counts[k], len(k.split()), k)):  # the most frequent, shortest name
        by_surname[surname_of(key)].append(key)
    written: dict[str, list[str]] = defaultdict(list)
    for item in found:
        if item.key in counts:
            written[item.key].append(item.name)
    lone = {item.key for item in found if item.label == "PERSON" and len(item.key.split()) == 1}
    org_ends = {end for item in found if item.label == "ORG" and len(item.key.split()) >= 2
                for end in (item.key.split()[0], item.key.split()[-1])}
    for item in found:
        words = item.key.split()
        if (item.label in _PLACE_LABELS and item.kind == "name" and len(words) == 1 and words[0] in lone
                and words[0] in by_surname):  # "Jordan" of "King Abdullah of Jordan" is no person the article names
            item.label, item.weight = "PERSON", 0
        if item.label == "ORG" and len(words) == 1 and words[0] in org_ends:
            continue  # "Ford" beside "Ford Motor Company" is the company, whoever else is named Ford
        if item.label in {"PERSON", "ORG", "NORP"} and words and words[-1] in by_surname and len(words) <= 2:
            fits = [k for k in by_surname[words[-1]] if len(words) == 1 or words[0] == k.split()[0] and (
                k == item.key or not apart(marks([item.name]), marks(written[k])))
                or len(k.split()) > len(words) and k.split()[-len(words):] == words]  # "Lo Presti"
            before = [k for k in fits if first_named[k] < item.start]
            if before:
                fits = before
            if len({k.split()[0] for k in fits}) == 1:
                item.key = fits[0]
                if item.label == "ORG" and item.kind != "title":
                    item.label = "PERSON"
                    item.weight = 0  # a linked surname does not vote for ORG
    _link_given_names(found, set(counts))
    return found


def _tagged_otherwise(found: list[Found]) -> None:
    """A full name the model tagged other than a person is a person's where the article writes its last word alone
    as a person's name ("Ms Page" beside "Bettie Page" tagged ORG), no person's full name ends in that word, and it
    is the one such name of the article: two words or more, each capitalised. A longer name that ends in it is no
    rival ("The Notorious Bettie Page", a film) and stays as tagged.

    >>> found = [Found(0, 2, "Bettie Page", "ORG", "name", "bettie page"),
    ...          Found(9, 10, "Page", "PERSON", "title", "page"),
    ...          Found(20, 23, "Notorious Bettie Page", "ORG", "name", "notorious bettie page")]
    >>> _tagged_otherwise(found)
    >>> [item.label for item in found]
    ['PERSON', 'PERSON', 'ORG']
    """
    persons = {surname_of(item.key) for item in found if item.label == "PERSON" and len(item.key.split()) >= 2}
    lone = {item.key for item in found if item.label == "PERSON" and len(item.key.split()) == 1} - persons
    ending: dict[str, set[str]] = defaultdict(set)
    for item in found:
        words = item.key.split()
        if (item.kind == "name" and item.label != "PERSON" and len(words) >= 2 and surname_of(item.key) in lone
                and all(word[:1].isupper() for word in item.name.split())):
            ending[surname_of(item.key)].add(item.key)
    for keys in ending.values():
        shortest = [k for k in keys if not any(o != k and k.endswith(" " + o) for o in keys)]
        if len(shortest) == 1:
            for item in found:
                if item.key == shortest[0]:
                    item.label = "PERSON"


def _link_given_names(found: list[Found], full: set[str]) -> None:
    """A lone word the model tags a person, which is no surname of the article, takes the key of the one full name
    of a person that starts with it ("Tony" beside "Tony Thompson"); with two ("Tony Thompson", "Tony Blair") it
    stays apart.

    >>> found = [Found(0, 2, "Tony Thompson", "PERSON", "name", "tony thompson"),
    ...          Found(9, 10, "Tony", "PERSON", "name", "tony")]
    >>> _link_given_names(found, {"tony thompson"})
    >>> [item.key for item in found]
    ['tony thompson', 'tony thompson']
    """
    surnames = {surname_of(key) for key in full}
    starting: dict[str, set[str]] = defaultdict(set)
    for key in full:
        starting[key.split()[0]].add(key)
    for item in found:
        if (item.label == "PERSON" and item.kind == "name" and " " not in item.key and item.key not in surnames
                and len(starting.get(item.key, ())) == 1):
            item.key = next(iter(starting[item.key]))
