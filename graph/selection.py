"""What part of the graph an export holds, told the same way everywhere: in the title of an HTML report, the line
``newsgraph export`` prints, and the graph-level metadata of the JSON, GraphML and GEXF files.

An export takes the subgraph around one entity (so many relations away), only the evidence of the sources of a
date window, both, or neither (the whole graph). The export functions read it from ``graph.graph["selection"]``
(``Selection.attributes``) when the graph carries it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Selection:
    """How an exported subgraph was chosen.

    Attributes:
        entity: The id of the entity the subgraph is taken around; empty for the whole graph.
        entity_name: Its canonical name.
        hops: With ``entity``: how many relations away the subgraph goes.
        since: The first publication date of the sources whose evidence is kept (ISO); empty for no bound.
        until: The last such date; empty for no bound.
    """

    entity: str = ""
    entity_name: str = ""
    hops: int = 0
    since: str = ""
    until: str = ""

    def title(self) -> str:
        """The selection in words.

        >>> Selection("acme-sons", "Acme & Sons", 2, "2024-03-01", "2024-03-31").title()
        'Acme & Sons [acme-sons], 2 hops, sources 2024-03-01 to 2024-03-31'
        >>> Selection(since="2024-03-01").title(), Selection().title()
        ('whole graph, sources since 2024-03-01', 'whole graph')
        >>> Selection("betty-ford", "Betty Ford", 1, until="2024-03-31").title()
        'Betty Ford [betty-ford], 1 hop, sources until 2024-03-31'
        """
        parts = [f"{self.entity_name or self.entity} [{self.entity}], {self.hops} hop{'' if self.hops == 1 else 's'}"
                 if self.entity else "whole graph"]
        if self.since and self.until:
            parts.append(f"sources {self.since} to {self.until}")
        elif self.since or self.until:
            parts.append(f"sources {'since ' + self.since if self.since else 'until ' + self.until}")
        return ", ".join(parts)

    def attributes(self) -> dict[str, Any]:
        """The selection as graph-level attributes: its ``title`` and every option given.

        >>> Selection("acme-sons", "Acme & Sons", 2, until="2024-03-31").attributes()
        {'title': 'Acme & Sons [acme-sons], 2 hops, sources until 2024-03-31', 'entity': 'acme-sons', \
'entity_name': 'Acme & Sons', 'hops': 2, 'until': '2024-03-31'}
        >>> Selection().attributes()
        {'title': 'whole graph'}
        """
        out: dict[str, Any] = {"title": self.title()}
        if self.entity:
            out.update(entity=self.entity, entity_name=self.entity_name, hops=self.hops)
        out.update({name: day for name, day in (("since", self.since), ("until", self.until)) if day})
        return out
