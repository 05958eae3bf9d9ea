"""The outlet of an article that names none: the registered domain of its URL.

The registered domain is the public suffix plus one label (``www.bbc.co.uk`` → ``bbc.co.uk``,
``bigstory.ap.org`` → ``ap.org``), from the public-suffix list snapshot that ``publicsuffixlist`` ships (read from
the installed package; nothing is fetched).
"""

from __future__ import annotations

import ipaddress
import re
from functools import lru_cache
from urllib.parse import urlsplit

_HOST = re.compile(r"^[\w-]+(\.[\w-]+)*$")


def outlet_from_url(url: str) -> str:
    """The registered domain of ``url`` ("" when it has no host name); an IP address or a bare host as it is.

    >>> outlet_from_url("http://www.bbc.co.uk/sport/0/boxing/18747023"), outlet_from_url("bigstory.ap.org/article/x")
    ('bbc.co.uk', 'ap.org')
    >>> outlet_from_url("https://News.Yahoo.com:443/a?b=c"), outlet_from_url("http://10.0.0.7/x"), outlet_from_url("")
    ('yahoo.com', '10.0.0.7', '')
    >>> outlet_from_url("see the website"), outlet_from_url("http://localhost:8000/a")
    ('', 'localhost')
    """
    text = url.strip()
    if not text:
        return ""
    parts = urlsplit(text if "//" in text else "//" + text)
    try:
        host = (parts.hostname or "").rstrip(".")
    except ValueError:
        return ""
    if not host:
        return ""
    try:
        ipaddress.ip_address(host)
        return host
    except ValueError:
        pass
    if not _HOST.match(host):
        return ""
    return _suffixes().privatesuffix(host) or host


@lru_cache(maxsize=1)
def _suffixes():
    from publicsuffixlist import PublicSuffixList

    return PublicSuffixList()
