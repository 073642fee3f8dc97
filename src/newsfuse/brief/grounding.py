"""``check_grounded``: every statement of a brief traces back to the words of a source."""

from __future__ import annotations

from newsfuse.models import Brief, Evidence, outlet_of

__all__ = ["check_grounded"]

_KINDS = frozenset(("title", "age", "number", "date", "duration", "place"))
_TYPES = frozenset(("person", "organization", "place"))


def check_grounded(brief: Brief) -> list[str]:
    """Return the grounding problems of a brief; an empty list when it has none.

    It checks that every evidence span lies inside the text of one of the
    brief's articles; that each point's text is a contiguous part of its
    first evidence span, and its sources are the outlets of its evidence;
    that dispute values are in each of their evidence spans and quote
    versions are exactly the words of theirs;
    that the summary is its evidence spans joined by single spaces; that the
    headline is a title or a span of the article it names; and that entity
    aliases occur in the articles.

    Example:
        >>> from newsfuse.models import Brief
        >>> brief = Brief("s", "", "", "", "", (), (), (), (), (), (), ())
        >>> check_grounded(brief)
        []
    """
    problems: list[str] = []
    articles = {a.id: a for a in brief.articles}
    outlets = {a.id: outlet_of(a) for a in brief.articles}
    all_outlets = set(outlets.values())

    def span(where: str, evidence: Evidence) -> str | None:
        article = articles.get(evidence.article)
        if article is None:
            problems.append(f"{where}: evidence names article {evidence.article!r}, not in the brief")
            return None
        if not 0 <= evidence.start < evidence.end <= len(article.text):
            problems.append(
                f"{where}: span [{evidence.start}, {evidence.end}) is outside article "
                f"{evidence.article!r} ({len(article.text)} characters)"
            )
            return None
        return article.text[evidence.start : evidence.end]

    for label, points in (("key point", brief.key_points), ("unique point", brief.unique)):
        for number, point in enumerate(points, 1):
            where = f"{label} {number}"
            if not point.evidence:
                problems.append(f"{where}: no evidence")
                continue
            slices = [span(where, e) for e in point.evidence]
            if slices[0] is not None and (not point.text or point.text not in slices[0]):
                problems.append(f"{where}: text {point.text[:60]!r} is not part of its first evidence span")
            evidence_outlets = {outlets.get(e.article) for e in point.evidence}
            if set(point.sources) != evidence_outlets:
                problems.append(f"{where}: sources {point.sources} differ from its evidence's outlets")
            if len(set(point.sources)) != len(point.sources):
                problems.append(f"{where}: sources repeat an outlet")
    for number, dispute in enumerate(brief.disputes, 1):
        where = f"dispute {number} ({dispute.subject})"
        if dispute.kind not in _KINDS:
            problems.append(f"{where}: unknown kind {dispute.kind!r}")
        if len(dispute.versions) < 2:
            problems.append(f"{where}: fewer than two versions")
        values = [v.value.lower() for v in dispute.versions]
        if len(set(values)) != len(values):
            problems.append(f"{where}: two versions give one value")
        for version in dispute.versions:
            if not version.evidence or not version.sources:
                problems.append(f"{where}: version {version.value!r} has no evidence or no source")
                continue
            for evidence in version.evidence:
                words = span(where, evidence)
                if words is not None and version.value.lower() not in words.lower():
                    problems.append(f"{where}: value {version.value!r} is not in its evidence span {words!r}")
            if not set(version.sources) <= {outlets.get(e.article) for e in version.evidence}:
                problems.append(f"{where}: version {version.value!r} names an outlet without evidence")
    for number, quote in enumerate(brief.quotes, 1):
        where = f"quote {number}"
        if not quote.versions:
            problems.append(f"{where}: no versions")
            continue
        if quote.text not in {v.text for v in quote.versions}:
            problems.append(f"{where}: text is none of its versions")
        carried = set()
        for version in quote.versions:
            for evidence in version.evidence:
                words = span(where, evidence)
                if words is not None and words != version.text:
                    problems.append(f"{where}: version {version.text[:40]!r} differs from its span {words[:40]!r}")
                carried.add(outlets.get(evidence.article))
            if set(version.sources) != {outlets.get(e.article) for e in version.evidence}:
                problems.append(f"{where}: version sources differ from its evidence's outlets")
        if set(quote.sources) != carried:
            problems.append(f"{where}: sources {quote.sources} differ from the outlets of its versions")
    slices = [span("summary", e) for e in brief.summary_evidence]
    if all(s is not None for s in slices) and " ".join(s for s in slices if s is not None) != brief.summary:
        problems.append("summary: not its evidence spans joined by single spaces")
    if brief.headline:
        article = articles.get(brief.headline_article)
        if article is None:
            problems.append(f"headline: article {brief.headline_article!r} is not in the brief")
        else:
            if brief.headline != article.title.strip() and brief.headline not in article.text:
                problems.append("headline: neither the title nor a span of the article it names")
            if brief.headline_source != outlets[article.id]:
                problems.append(f"headline: source {brief.headline_source!r} is not its article's outlet")
    texts = [a.text for a in brief.articles] + [a.title for a in brief.articles]
    for entity in brief.entities:
        if entity.type not in _TYPES:
            problems.append(f"entity {entity.name!r}: unknown type {entity.type!r}")
        for alias in entity.aliases:
            if not any(alias in t for t in texts):
                problems.append(f"entity {entity.name!r}: alias {alias!r} occurs in no article")
        if not set(entity.sources) <= all_outlets:
            problems.append(f"entity {entity.name!r}: names an outlet not in the brief")
    return problems
