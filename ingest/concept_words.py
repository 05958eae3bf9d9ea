"""Word lists of concept resolution (``newsgraph.ingest.concepts``): general English only.

``DISTINGUISHING`` are the modifiers that tell two things of one head noun apart ("the first quake" and "the
second quake" are two quakes; "the quake" and "the deadly quake" may be one); ``GENERIC_NOUNS`` are nouns too
general to stand for one thing across sentences ("time", "way"); ``PRONOUN_WORDS`` stand for a concept without
naming it. (British spellings are read in ``newsgraph.ingest.spelling``.)
"""

from __future__ import annotations

#: Ordinals and words of sequence or contrast: a phrase with one is a different thing from one without.
DISTINGUISHING = frozenset("""
first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth last next previous other another
former latter earlier later initial final subsequent preceding following same different second-degree first-degree
""".split())

#: Modifiers of extent, by the extent they give: a limited thing is not a full one ("a limited ceasefire", "a
#: month-long full truce"), while either is compatible with the bare noun's other modifiers.
EXTENT = {"limited": "limited", "partial": "limited", "full": "full", "complete": "full", "total": "full",
          "comprehensive": "full", "blanket": "full"}

#: Nouns too general to be one thing across sentences: each of their mentions stays with its article.
GENERIC_NOUNS = frozenset("""
time times way ways thing things day days year years week weeks month months hour hours minute minutes moment
moments lot lots kind kinds sort sorts part parts number numbers fact facts point points matter matters end side
sides bit bits today tonight one ones something anything everything nothing someone anyone everyone nobody
place places stuff case cases area areas term terms level levels use reason reasons question questions issue
issues problem problems idea ideas thing way lack rest type types manner amount amounts percent percentage
yesterday tomorrow tonight now
""".split())

#: (British ending, American ending, shortest word the rule applies to): "mobilisation" → "mobilization",
#: "defence" → "defense", "centre" → "center", "labour" → "labor".
#: Pronouns, personal and relative: a mention of a concept ("the new planes, which …"; "they"), never its name.
PRONOUN_WORDS = frozenset("""
i me myself we us ourselves you yourself yourselves he him himself she her herself it itself they them themselves
which who whom whose what that this these those
""".split())
#: Pronouns that stand for many ("their" of "the two leaders"): never a mention of one thing.
PLURAL_PRONOUN_WORDS = frozenset({"they", "them", "their", "theirs", "themselves", "these", "those", "we", "us",
                                  "our"})
