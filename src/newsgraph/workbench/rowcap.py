"""The console's row cap: a statement rewritten so that the store itself returns at most a given number of rows.

A store's statement timeout covers the statement's execution, not the reply: a cross product of a few thousand
nodes (``MATCH (a), (b) RETURN a, b``) runs in seconds and answers with millions of rows, which the server and the
workbench would each build whole. FalkorDB's only result limit (``GRAPH.CONFIG RESULTSET_SIZE``) is one setting for
the whole server, shared with every ingest, so the console limits the statement instead, in the text the store
parses (both FalkorDB and Neo4j stream a ``LIMIT``: they stop pulling rows once it is reached, and a sort before it
keeps only the top rows):

- a statement whose last clause is ``RETURN`` without ``LIMIT`` gets one appended (a sort before it stays a top-k
  sort); an existing ``LIMIT`` of a number, or of a parameter given as a whole number, is lowered to the cap;
- a ``UNION``, or a ``LIMIT`` of any other expression, is wrapped: ``CALL { ... } RETURN * LIMIT n`` (``RETURN *``
  orders the columns by name, so ``columns`` names the order the statement itself gives, where it can be read);
- a statement ending in a procedure call with ``YIELD`` gets ``RETURN`` of the yielded names and ``LIMIT n``;
  a procedure call without ``YIELD`` after other clauses is refused (its rows multiply those of the clauses
  before it, and it names no columns to return; Neo4j requires ``YIELD`` there too);
- anything else is left as written: a statement that ends without ``RETURN`` returns no rows (a write, which the
  store refuses anyway), and a procedure call alone (``CALL db.labels()``) returns at most about one row per node,
  label or index of the graph.

The statement is read with a small lexer (strings, quoted names, comments, brackets), never by a regular expression
over the whole text, so a ``RETURN`` or ``LIMIT`` inside a string, a comment, a subquery or a comprehension does not
count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from newsgraph.errors import QueryRefused

#: Words that begin a clause (``WITH`` only where it is not part of ``STARTS WITH`` / ``ENDS WITH``).
_CLAUSES = frozenset({"MATCH", "OPTIONAL", "WITH", "UNWIND", "RETURN", "CALL", "CREATE", "MERGE", "DELETE",
                      "DETACH", "SET", "REMOVE", "FOREACH", "UNION", "LOAD", "USE", "FINISH", "YIELD"})
_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<comment>//[^\n]*|/\*.*?(?:\*/|\Z))
  | (?P<string>'(?:[^'\\]|\\.)*(?:'|\Z)|"(?:[^"\\]|\\.)*(?:"|\Z))
  | (?P<quoted>`(?:[^`]|``)*(?:`|\Z))
  | (?P<param>\$(?:\w+|`(?:[^`]|``)*`))
  | (?P<number>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)
  | (?P<word>[^\W\d]\w*)
  | (?P<open>[(\[{])
  | (?P<close>[)\]}])
  | (?P<other>.)
""", re.X | re.S)


@dataclass(frozen=True)
class Capped:
    """A statement rewritten to return at most ``rows`` rows.

    Attributes:
        text: The statement to run.
        rows: The cap, or None when the statement is left as written (it returns no rows, or cannot be capped).
        columns: The column order the statement gives, when the rewrite lets the store order them otherwise
            (``RETURN *`` after a wrap); empty when the store keeps the statement's own order.
    """

    text: str
    rows: int | None
    columns: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Token:
    kind: str
    text: str
    start: int
    end: int


def cap_rows(statement: str, params: dict[str, Any], rows: int) -> Capped:
    """``statement`` rewritten so that the store returns at most ``rows`` rows.

    >>> cap_rows("MATCH (a), (b) RETURN a, b", {}, 1001).text
    'MATCH (a), (b) RETURN a, b\\nLIMIT 1001'
    >>> cap_rows("MATCH (e) RETURN e ORDER BY e.name LIMIT 5;", {}, 1001).text
    'MATCH (e) RETURN e ORDER BY e.name LIMIT 5'
    >>> cap_rows("MATCH (e) RETURN e LIMIT $n", {"n": 10**9}, 1001).text
    'MATCH (e) RETURN e LIMIT 1001'
    >>> c = cap_rows("RETURN 2 AS b, 1 AS a UNION RETURN 3 AS b, 4 AS a", {}, 1001)
    >>> c.text.splitlines()[0], c.text.splitlines()[-2:], c.columns
    ('CALL {', ['RETURN *', 'LIMIT 1001'], ('b', 'a'))
    >>> cap_rows("MATCH (n:Hack) DELETE n", {}, 1001).rows is None
    True

    Raises:
        QueryRefused: a procedure call without ``YIELD`` ends a statement of several clauses.
    """
    tokens = _top_level(statement)
    if not tokens:
        return Capped(statement, None)
    text = statement
    semicolons = [i for i, t in enumerate(tokens) if t.text == ";"]
    if semicolons == [len(tokens) - 1]:  # one trailing semicolon: the statement ends before it
        text, tokens = statement[:tokens[-1].start].rstrip(), tokens[:-1]
    elif semicolons:  # more than one statement: wrapped, which the store refuses as it would the original
        return _wrapped(text, rows, ())
    clauses = [i for i, t in enumerate(tokens) if _is_clause(tokens, i)]
    if not clauses:
        return Capped(statement, None)
    words = [tokens[i].text.upper() for i in clauses]
    last = clauses[-1]
    if "UNION" in words:
        first_return = next((i for i in clauses if tokens[i].text.upper() == "RETURN"), None)
        end = next(i for i in clauses if tokens[i].text.upper() == "UNION")
        names = _projection(text, tokens, first_return + 1, end) if first_return is not None else ()
        return _wrapped(text, rows, names)
    if words[-1] == "YIELD":
        names = _projection(text, tokens, last + 1, len(tokens), quoted=True)
        if names:
            return Capped(f"{text}\nRETURN {', '.join(names)}\nLIMIT {rows}", rows)
        return _wrapped(text, rows, ())
    if words[-1] == "CALL" and len(clauses) > 1:
        raise QueryRefused("a procedure call after other clauses needs YIELD and its columns here, e.g. "
                           "MATCH (e:Entity) CALL db.labels() YIELD label RETURN e.name, label")
    if words[-1] != "RETURN":
        return Capped(statement, None)
    limit = next((i for i in range(last + 1, len(tokens)) if _is_word(tokens, i, "LIMIT")), None)
    if limit is None:
        return Capped(f"{text}\nLIMIT {rows}", rows)
    value = tokens[limit + 1:]
    if len(value) == 1 and value[0].kind in ("number", "param"):
        given = _whole(value[0], params)
        if given is not None:
            if given <= rows:
                return Capped(text, rows)
            return Capped(f"{text[:value[0].start]}{rows}{text[value[0].end:]}", rows)
    return _wrapped(text, rows, _projection(text, tokens, last + 1, limit))


def _wrapped(text: str, rows: int, names: tuple[str, ...]) -> Capped:
    return Capped(f"CALL {{\n{text}\n}}\nRETURN *\nLIMIT {rows}", rows, names)


def _whole(token: _Token, params: dict[str, Any]) -> int | None:
    """The whole number a LIMIT's number or parameter gives, or None."""
    if token.kind == "number":
        return int(token.text) if token.text.isdigit() else None
    name = token.text[1:].strip("`")
    value = params.get(name)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _top_level(statement: str) -> list[_Token]:
    """The tokens outside every bracket, without spaces and comments (bracketed parts are one ``group`` token)."""
    out: list[_Token] = []
    depth = 0
    start = 0
    for match in _TOKEN.finditer(statement):
        kind = match.lastgroup or "other"
        if kind in ("space", "comment"):
            continue
        if kind == "open":
            if depth == 0:
                start = match.start()
            depth += 1
        elif kind == "close" and depth:
            depth -= 1
            if depth == 0:
                out.append(_Token("group", statement[start:match.end()], start, match.end()))
        elif depth == 0:
            out.append(_Token(kind, match.group(), match.start(), match.end()))
    if depth:  # an unclosed bracket: the rest is one group
        out.append(_Token("group", statement[start:], start, len(statement)))
    return out


def _is_word(tokens: list[_Token], i: int, word: str) -> bool:
    """Whether token ``i`` is the keyword ``word``: not a property (``n.limit``), a label (``n:Limit``) or a name
    given with ``AS``."""
    token = tokens[i]
    if token.kind != "word" or token.text.upper() != word:
        return False
    before = tokens[i - 1] if i else None
    return not (before and (before.text in (".", ":") or before.text.upper() == "AS"))


def _is_clause(tokens: list[_Token], i: int) -> bool:
    word = tokens[i].text.upper()
    if word not in _CLAUSES or not _is_word(tokens, i, word):
        return False
    if word == "WITH" and i and tokens[i - 1].text.upper() in ("STARTS", "ENDS"):
        return False
    return not (word in ("MATCH", "CREATE") and i and tokens[i - 1].text.upper() == "ON")  # MERGE ... ON MATCH SET


def _projection(text: str, tokens: list[_Token], begin: int, end: int, *, quoted: bool = False) -> tuple[str, ...]:
    """The column names of the projection items in ``tokens[begin:end]`` (a RETURN's or a YIELD's): each item's
    name after ``AS``, else its text (``quoted``: names as written, in backticks where they have them); empty for
    ``*``.

    >>> t = _top_level("RETURN DISTINCT a.name AS name, count(*) ORDER BY name")
    >>> _projection("RETURN DISTINCT a.name AS name, count(*) ORDER BY name", t, 1, len(t))
    ('name', 'count(*)')
    """
    stop = {"ORDER", "SKIP", "LIMIT", "WHERE"}
    items: list[list[_Token]] = [[]]
    for i in range(begin, end):
        token = tokens[i]
        if token.kind == "word" and token.text.upper() in stop and _is_word(tokens, i, token.text.upper()):
            break
        if token.text == ",":
            items.append([])
        elif not (i == begin and token.text.upper() == "DISTINCT"):
            items[-1].append(token)
    names = []
    for item in items:
        if not item or item[0].text == "*":
            return ()
        if len(item) >= 3 and item[-2].text.upper() == "AS":
            names.append(item[-1].text if quoted else item[-1].text.strip("`"))
        else:
            names.append(text[item[0].start:item[-1].end])
    return tuple(names)
