"""newsgraph: turn news articles into one provenance graph of entities and relations."""

__version__ = "0.1.0"
