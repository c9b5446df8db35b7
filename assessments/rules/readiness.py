"""What a project still lacks before it can be submitted: a pure function of gathered facts.

``assessments.selectors.submission.project_readiness`` reads the facts; this module decides.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from assessments.choices import DocumentKind

# The documents each tier needs. A category B project may file a full EIA report instead of the
# simplified assessment.
REQUIRED_DOCUMENTS = {
    "A": [DocumentKind.EIA_REPORT, DocumentKind.MANAGEMENT_PLAN],
    "B": [DocumentKind.SIMPLIFIED],
    "C": [],
}
ACCEPTED_INSTEAD = {"B": {DocumentKind.SIMPLIFIED, DocumentKind.EIA_REPORT}}


@dataclass
class ReadinessFacts:
    empty_fields: list[str] = field(default_factory=list)  # verbose names of required fields left empty
    has_capacity: bool = False
    has_dates: bool = False
    has_site: bool = False
    unanswered: int = 0
    screened: bool = False
    screening_current: bool = False
    category: str = ""
    document_kinds: set[str] = field(default_factory=set)
    pending_measures: int = 0


def required_documents(category: str) -> list[str]:
    return list(REQUIRED_DOCUMENTS.get(category, []))


def missing_for_submission(facts: ReadinessFacts) -> list[str]:
    """Every missing piece, in words a person can act on, in the order of the workspace steps."""
    missing = [_("Fill in %(field)s.") % {"field": name} for name in facts.empty_fields]
    if not facts.has_capacity:
        missing.append(_("Give the capacity and its unit."))
    if not facts.has_dates:
        missing.append(_("Give the construction and operation start dates."))
    if not facts.has_site:
        missing.append(_("Draw or upload the site."))
    if facts.unanswered:
        missing.append(_("Answer the %(n)s remaining screening questions.") % {"n": facts.unanswered})
    if not facts.screened:
        missing.append(_("Run the screening."))
    elif not facts.screening_current:
        missing.append(_("The project changed since it was screened: run the screening again."))
    if facts.category:
        accepted = ACCEPTED_INSTEAD.get(facts.category)
        for kind in REQUIRED_DOCUMENTS[facts.category]:
            if kind in facts.document_kinds or (accepted and facts.document_kinds & accepted):
                continue
            missing.append(
                _("Category %(cat)s needs a document of kind “%(kind)s”.")
                % {"cat": facts.category, "kind": DocumentKind(kind).label}
            )
    if facts.pending_measures:
        missing.append(
            _("Answer the %(n)s control measures still awaiting your answer.") % {"n": facts.pending_measures}
        )
    return missing
