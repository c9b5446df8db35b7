"""Every status machine of project assessment, each as one table (``portal.workflow``).

Later issues add review, information requests, comment windows, blacklist cases and rating
overrides here, in the same form.
"""

from assessments.choices import BlacklistCaseStatus as B
from assessments.choices import ProjectStatus as P
from portal.workflow import table

# Review decisions (approved, rejected, revision requested) arrive with the review issue; the
# rows below are the moves the enterprise can make today.
PROJECT = table(
    P,
    "project",
    {
        P.DRAFT: {P.SUBMITTED, P.WITHDRAWN},
        P.SUBMITTED: {P.WITHDRAWN},
        P.INFO_REQUESTED: {P.SUBMITTED, P.WITHDRAWN},
        P.REVISION_REQUESTED: {P.SUBMITTED, P.WITHDRAWN},
    },
)

EDITABLE = frozenset({P.DRAFT, P.REVISION_REQUESTED, P.INFO_REQUESTED})


# A blacklist case (issue 15): notice → the enterprise's response (or the window passes) →
# a lead reviewer's decision → one appeal → upheld or lifted; a listing ends at its period's end.
# One appeal only: nothing leads back to APPEALED from UPHELD.
BLACKLIST_CASE = table(
    B,
    "blacklist_case",
    {
        B.AWAITING_RESPONSE: {B.AWAITING_DECISION, B.LISTED, B.DISMISSED},
        B.AWAITING_DECISION: {B.LISTED, B.DISMISSED},
        B.LISTED: {B.APPEALED, B.ENDED},
        B.APPEALED: {B.UPHELD, B.LIFTED_ON_APPEAL, B.ENDED},
        B.UPHELD: {B.ENDED},
    },
)
