"""The words that qualify a clause: reporting verbs, negators, hedges, conditional conjunctions, the nouns of a
representative who speaks for someone else, the nouns of a country's institutions, and the seats of government
that news uses for their governments. General English and general world knowledge only.
"""

from __future__ import annotations

#: Verbs that report speech or writing ("the Kremlin said", "X told reporters").
SPEECH_VERBS = frozenset(
    """say tell add claim state announce insist write report note argue warn deny confirm assert suggest
    acknowledge admit reiterate explain stress emphasise emphasize declare allege predict post reply respond
    tweet describe characterize characterise concede indicate recall complain contend testify""".split()
)

#: Verbs of denial: their subject says that what their that-clause or gerund tells did not happen ("Acme denied
#: (that) it bribed him", "denied firing him", "denied having fired him"); ``newsgraph.ingest.qualifiers`` reads
#: the clause as negated and attributed to the denier, and ``ingest/data/lexicon_rules.tsv`` lists them as
#: ``negative`` so that a chain ("deny to fire") has the opposite polarity of its last verb.
DENIAL_VERBS = frozenset("deny dispute refute rebut contest contradict disavow gainsay disclaim".split())
#: Verbs that deny what a report says when they take the report as object ("rejected allegations that …",
#: "dismissed reports that …"), and a that-clause as the verbs of denial do.
REBUTTAL_VERBS = DENIAL_VERBS | frozenset("reject dismiss debunk discount discredit repudiate".split())
#: Nouns of what is said or rumoured: their content clause is reported, not asserted ("allegations that Acme
#: bribed him": hedged), and denied when the noun is the object of a rebuttal verb.
REPORT_NOUNS = frozenset(
    """allegation claim accusation report rumour rumor suggestion assertion speculation insinuation""".split()
)

#: Retractions: what a correction says an earlier text got wrong is kept as evidence but not asserted
#: (``newsgraph.ingest.qualifiers.retracts``). Verbs that say a text got its object wrong ("misstated the toll").
MISREPORT_VERBS = frozenset("misstate misreport misquote misidentify misspell misattribute".split())
#: Adverbs that mark what a report says as wrong ("incorrectly said", "wrongly reported").
ERROR_ADVERBS = frozenset("incorrectly wrongly erroneously mistakenly inaccurately falsely".split())
#: Nouns of a text that a correction replaces: a version made the replaced one by a modifier ("an earlier version
#: of this article", "the original edition"; of a text, not "an earlier version of the bill"), and the article
#: itself by an adverb on its verb ("this story previously said"; "this" marks the article at hand: "an earlier
#: report said" is another outlet's report).
VERSION_NOUNS = frozenset("version edition draft".split())
EARLIER_MODIFIERS = frozenset("early earlier previous prior original old first".split())
TEXT_NOUNS = frozenset("article story report headline caption post text piece".split())
EARLIER_ADVERBS = frozenset("previously originally earlier initially".split())

#: Copulas, whose complement the parser may carry the clause's "not" ("is not related to": ``is_negated``).
COPULA_VERBS = frozenset("be become remain stay".split())
#: Every word that may negate a clause, where it stands (``newsgraph.ingest.qualifiers.is_negated``).
NEGATORS = frozenset({"not", "n't", "never", "no", "neither", "nor", "without"})
#: Words that negate the verb they hang on.
VERB_NEGATORS = frozenset({"not", "n't", "never", "no"})
#: Determiners and pronouns that negate the clause whose subject or object they are ("no one came", "neither X
#: nor Y mentioned …", "gave no indication").
NEGATIVE_DETERMINERS = frozenset({"no", "neither", "nor"})
NEGATIVE_PRONOUNS = frozenset({"nobody", "nothing", "none", "noone", "nowhere"})
#: Words after "not" that make it the first half of "not only … but (also)": no negation.
NOT_ONLY = frozenset({"only", "just", "merely", "simply", "solely"})

#: Modal auxiliaries that make a clause possible rather than stated ("may", "might", "could"). "would" hedges
#: too, except where it is the past of "will" in reported speech ("she said she would appeal").
HEDGE_MODALS = frozenset({"may", "might", "could", "should", "ought", "would", "'d"})
BACKSHIFTED_MODALS = frozenset({"would", "'d"})
#: Verbs whose complement is intended, expected or apparent, not stated as fact ("hoped to sign", "expected to").
HEDGE_VERBS = frozenset(
    """hope plan want wish expect intend seek try aim propose consider like offer threaten prepare
    promise pledge anticipate predict""".split()
)
#: Verbs that hedge only as raising or evidential verbs, telling how things look: "appeared to be tired", "appears
#: likely", "it appears (that) …", "appeared as if …"; not when they tell a coming into view ("appeared before the
#: court", "appeared in court", "appeared on TV"). "seem" has no other use (``qualifiers.is_hedged``).
RAISING_VERBS = frozenset({"seem", "appear"})
#: The marks of a clause that says what something looks like, after "as" ("appeared as if …", "as though …").
LIKENESS_MARKS = frozenset({"if", "though"})
#: Verbs of belief: what they take as complement is believed, not stated ("he didn't think charges would be filed",
#: "doubts it will hold"); passive, they hedge their own clause too ("is presumed dead", "a climber feared dead").
EPISTEMIC_VERBS = frozenset("think believe doubt suspect fear presume assume suppose guess reckon".split())
#: Verbs whose negation is read in their complement ("I don't think charges will be filed": none will be), and
#: the verb of belief that is negative in itself ("doubts charges will be filed").
NEG_RAISING_VERBS = frozenset("think believe expect suppose imagine reckon".split())
DOUBT_VERBS = frozenset({"doubt"})
#: Adjectives that negate the infinitive they take ("were unable to reach him").
INABILITY_ADJECTIVES = frozenset({"unable", "incapable"})
#: Verbs whose passive hands on a report, not a fact: "is said to have", "were reported to be", "is understood to".
EVIDENTIAL_PASSIVES = frozenset("say report allege rumour rumor understand claim".split()) | EPISTEMIC_VERBS
#: Verbs that, with "like" or "as if", give an impression: "it looks like a lack of experience".
IMPRESSION_VERBS = frozenset({"look", "sound", "feel"})
#: Nouns of "in the event (that) …", "in case …": a condition.
CONDITION_NOUNS = frozenset({"event", "case"})
#: Adverbs that hedge their clause.
HEDGE_ADVERBS = frozenset(
    """hopefully possibly perhaps maybe probably reportedly allegedly likely apparently supposedly purportedly
    presumably potentially seemingly conceivably""".split()
)
#: Adjectives whose complement is only probable ("is likely to sign", "is expected to").
HEDGE_ADJECTIVES = frozenset({"likely", "unlikely", "possible", "probable", "expected", "poised", "set"})
#: Adjectives that make the event noun they modify only possible, planned or alleged ("a possible strike", "the
#: planned talks", "the alleged assault").
HEDGE_NOUN_MODIFIERS = frozenset(
    """possible potential probable likely expected planned proposed alleged suspected apparent reported rumoured
    rumored prospective threatened intended anticipated""".split()
)
#: Subordinating conjunctions that introduce a condition ("if upheld", "unless Kyiv agrees").
CONDITIONAL_MARKS = frozenset({"if", "unless", "provided", "providing", "once"})
#: "whether" makes its clause an open question: hedged.
QUESTION_MARKS = frozenset({"whether"})

#: Nouns of a person who speaks for someone else ("her rep", "a spokesman for the ministry", "his lawyer").
REPRESENTATIVE_NOUNS = frozenset(
    """spokesman spokeswoman spokesperson spokespeople spokesmen spokeswomen rep representative publicist agent
    lawyer attorney aide adviser advisor counsel secretary office camp management""".split()
)
#: Nouns of what a speaker issues and news then quotes as speaking ("the statement said", "the release added"):
#: the speaker is whoever issued it.
DOCUMENT_NOUNS = frozenset(
    """statement release communique communiqué announcement report memo letter bulletin notice post tweet
    transcript filing""".split()
)
#: Nouns of a person who may speak for themselves or an office, and whom "he" or "she" may stand for ("the
#: officer said …. He added …").
PERSON_NOUNS = frozenset(
    """officer inspector detective sergeant constable captain sheriff official chief manager coach director
    minister president commander governor mayor prosecutor judge witness doctor surgeon ranger guide climber
    driver player owner teacher student man woman""".split()
)
#: Plural or collective nouns of a country's institutions: "Ukrainian officials", "Russian authorities", "the
#: French government" speak for that country's government.
INSTITUTION_NOUNS = frozenset(
    """officials authorities government administration leadership regime cabinet""".split()
)
#: Nouns of a person related to another, who speaks for themselves: "his brother said" is not him (while "the
#: Kremlin's statement" and "India's navy" are the Kremlin's and India's).
KIN_NOUNS = frozenset(
    """brother sister wife husband son daughter mother father parent parents friend neighbour neighbor cousin
    uncle aunt niece nephew grandson granddaughter grandmother grandfather grandparent girlfriend boyfriend
    partner colleague classmate teammate widow widower fiance fiancee relative relatives family sibling""".split()
)
#: Heads whose "if" clause is a question, not a condition ("asked if he understood", "unknown if he escaped").
QUESTION_HEADS = frozenset(
    """ask wonder know unknown unclear see check decide question inquire enquire determine sure certain clear
    doubt learn find tell say""".split()
)
#: Seats of government that news names for the government itself ("the Kremlin said"), by folded name.
SEATS_OF_GOVERNMENT = {
    "kremlin": "Russia", "white house": "United States", "downing street": "United Kingdom",
    "number 10": "United Kingdom", "no 10": "United Kingdom", "elysee": "France", "elysee palace": "France",
    "zhongnanhai": "China", "blue house": "South Korea", "bankova": "Ukraine",
    "quirinale": "Italy", "palazzo chigi": "Italy", "moncloa": "Spain", "casa rosada": "Argentina",
    "planalto": "Brazil", "los pinos": "Mexico", "kantei": "Japan", "south block": "India",
}

#: Lemmas the small English model gets wrong often enough to matter in news ("hoped" → "hop").
LEMMA_FIXES = {"hoped": "hope", "hoping": "hope", "hopes": "hope", "based": "base", "eased": "ease",
               "ceased": "cease", "sided": "side", "voted": "vote", "posed": "pose"}


def government_name(country: str) -> str:
    """The name of the group entity that stands for a country's government.

    >>> government_name("Ukraine")
    'Government of Ukraine'
    """
    return f"Government of {country}"
