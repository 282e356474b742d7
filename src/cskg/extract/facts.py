"""Extract: from parsed documents and the register to linked facts.

Runs the entity matcher over every sentence, classifies the sentences of
numbered report paragraphs as findings, and decides what each finding is
about.  Output is plain data for ``build``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Document, Paragraph, Report
from .mentions import EntityMatcher
from .polarity import improved_since_last_inspection, polarity
from .register import Register
from .themes import Theme, load_themes, themes_of

# A paragraph is about the service it names near the start of its first
# sentence ("... receive a highly effective service from Evolve, ..."): its
# other sentences ("Children are routinely offered ...") are about it too.
TOPIC_WINDOW = 120
TOPIC_KINDS = ("service", "body")


@dataclass
class SentenceFacts:
    mentions: list[str]
    polarity: str | None = None  # only for findings
    improved: bool = False
    about: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)  # practice-theme IRIs, only for findings


@dataclass
class ParagraphFacts:
    paragraph: Paragraph
    mentions: list[str]
    topic: str | None
    sentences: list[SentenceFacts]
    is_findings: bool


def _unique(ids: list[str]) -> list[str]:
    return list(dict.fromkeys(ids))


def paragraph_facts(
    paragraph: Paragraph, matcher: EntityMatcher, register: Register, is_findings: bool, themes: tuple[Theme, ...] = ()
) -> ParagraphFacts:
    """Mentions per sentence, the paragraph's topic, and findings (with their themes) where they apply."""
    per_sentence = [_unique([m.entity for m in matcher.find(s.text)]) for s in paragraph.sentences]
    topic = None
    if paragraph.sentences:
        for m in matcher.find(paragraph.sentences[0].text):
            if m.start <= TOPIC_WINDOW and register.entities[m.entity].kind in TOPIC_KINDS:
                topic = m.entity
                break
    facts = []
    for sentence, ids in zip(paragraph.sentences, per_sentence, strict=False):
        if is_findings:
            about = _unique(ids + ([topic] if topic else []))
            facts.append(
                SentenceFacts(
                    ids,
                    polarity(sentence.text),
                    improved_since_last_inspection(sentence.text),
                    about,
                    themes_of(sentence.text, themes),
                )
            )
        else:
            facts.append(SentenceFacts(ids))
    mentions = _unique([e for ids in per_sentence for e in ids])
    return ParagraphFacts(paragraph, mentions, topic, facts, is_findings)


def document_facts(
    doc: Document, register: Register, matcher: EntityMatcher | None = None, themes: tuple[Theme, ...] | None = None
) -> list[ParagraphFacts]:
    """Facts for every paragraph of a document; findings only for report paragraphs.

    ``themes`` defaults to the practice themes of ``ontology/themes.ttl``.
    """
    matcher = matcher or EntityMatcher(list(register.entities.values()))
    themes = load_themes() if themes is None else themes
    is_report = isinstance(doc, Report)
    return [paragraph_facts(p, matcher, register, is_report and p.finding, themes) for p in doc.paragraphs]
