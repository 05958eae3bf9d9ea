"""Article records as they arrive from outside (a JSON Lines line, a JSON item, a ``metadata.json`` entry), and the
``metadata.json`` sidecars that describe the article files of a folder tree.

A sidecar maps article ids (a file's id is its stem: ``a1`` for ``a1.txt``) to ``title``, ``outlet``, ``url``,
``published`` and ``author``; each folder's sidecar describes the files below it, a nearer folder's entry for an id
winning. An entry that describes no article read is reported (``unused_entries``): keyed by a file's name
(``"a1.txt"``) instead of its id, it names the id it likely means.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from newsgraph.errors import BadArticle

SIDECAR = "metadata.json"


class ArticleRecord(BaseModel):
    """An article as it arrives from outside (a JSONL line or a sidecar entry). ``published_number`` is the
    ``published`` value when it was a JSON number (read as Unix time by the reader), else None."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=False)

    id: str = ""
    title: str = ""
    outlet: str = ""
    url: str = ""
    published: str = ""
    author: str = ""
    text: str = ""
    published_number: float | None = None

    @model_validator(mode="before")
    @classmethod
    def _number_date(cls, data: Any) -> Any:
        if isinstance(data, dict):
            value = data.get("published")
            data = {k: v for k, v in data.items() if k != "published_number"}
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                data["published_number"] = value
        return data

    @field_validator("id", "title", "outlet", "url", "published", "author", mode="before")
    @classmethod
    def _stringify(cls, value: object) -> str:
        """Text as it is, a number as written (``"id": 17``), a list of them joined (several authors); an object
        or ``true``/``false`` is refused (it was stored as Python's text of it, ``{'x': 1}``, ``True``)."""
        values = value if isinstance(value, list) else [value]
        for one in values:
            if isinstance(one, (bool, dict, list)):
                kind = {bool: "true/false", dict: "an object", list: "a list in a list"}[type(one)]
                raise ValueError(f"should be text or a number, got {kind}")
        return "; ".join(str(v) for v in values if v is not None)

    def fields(self) -> dict[str, str]:
        """The metadata fields of an Article."""
        return {"id": self.id, "title": self.title, "outlet": self.outlet, "url": self.url,
                "published": self.published, "author": self.author}


def record_message(exc: ValidationError) -> str:
    """What is wrong with an article record, in one line: the first bad field and why ("text: Input should be a
    valid string"), not pydantic's whole report."""
    error = exc.errors()[0]
    field = ".".join(str(part) for part in error["loc"]) or "record"
    more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
    return f"{field}: {' '.join(str(error['msg']).removeprefix('Value error, ').split())}{more}"


def metadata_for(file: Path, top: Path, merged: dict[Path, dict[str, ArticleRecord]]) -> dict[str, ArticleRecord]:
    """The metadata a file's articles take: the sidecars of the folders from ``top`` (the directory named) down to
    the file's own, a nearer one's entry for an id winning; worked out once per folder (``merged``)."""
    folder = file.parent
    if folder not in merged:
        above = folder.parent if folder != top and top in folder.parents else None
        merged[folder] = {**(metadata_for(folder, top, merged) if above is not None else {}), **sidecar(folder)}
    return merged[folder]


def sidecar(directory: Path) -> dict[str, ArticleRecord]:
    """The entries of ``directory``'s sidecar (none without one).

    Raises:
        BadArticle: the sidecar is not a JSON object of metadata objects.
    """
    path = directory / SIDECAR
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
        if not isinstance(data, dict):
            raise ValueError("expected an object mapping article ids to metadata")
        records = {}
        for key, value in data.items():
            if not isinstance(value, dict):
                raise ValueError(f"entry {key!r}: should be an object of metadata fields, got {type(value).__name__}")
            try:
                records[str(key)] = ArticleRecord.model_validate(value)
            except ValidationError as exc:  # the entry and its first problem, not pydantic's whole report
                raise ValueError(f"entry {key!r}: {record_message(exc)}") from None
        return records
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadArticle(f"{path}: malformed metadata sidecar: {' '.join(str(exc).split())}") from exc


def unused_entries(folders: list[Path], files: list[Path], whole: bool) -> list[tuple[str, str]]:
    """``(sidecar path, why)`` for each sidecar entry of ``folders`` that describes none of the article ``files``
    read: an entry keyed by one of their names instead of their id (``"a1.txt"`` for ``a1``), or, when ``whole``
    (the folders' whole trees were read), any entry no file below its folder has as its id.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     _ = (Path(d) / SIDECAR).write_text('{"a1.txt": {"outlet": "X"}, "b2": {}}')
    ...     [why.split(": ")[1] for _, why in unused_entries([Path(d)], [Path(d, "a1.txt")], whole=False)]
    ["write 'a1' (its metadata was not used)"]
    """
    found: list[tuple[str, str]] = []
    for folder in folders:
        below = [f for f in files if folder == f.parent or folder in f.parent.parents]
        stems, names = {f.stem for f in below}, {f.name: f.stem for f in below}
        for key in sidecar(folder):
            if key in stems:
                continue
            path = str(folder / SIDECAR)
            if key in names:
                found.append((path, f"entry {key!r} is keyed by a file name, and entries are keyed by article id: "
                                    f"write {names[key]!r} (its metadata was not used)"))
            elif whole:
                found.append((path, f"entry {key!r} matches no article file below {folder} (an entry's key is a "
                                    f"file's id: its name without the extension); its metadata was not used"))
    return found
