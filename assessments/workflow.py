"""Every status machine of project assessment, each as one table (``portal.workflow``).

Later issues add comment windows, blacklist cases and rating overrides here, in the same form.
"""

from assessments.choices import BlacklistCaseStatus as B
from assessments.choices import CommentStatus as C
from assessments.choices import PerformanceReviewStatus as PR
from assessments.choices import ProjectStatus as P
from assessments.choices import ReportStatus as RS
from assessments.choices import RequestStatus as R
from assessments.choices import WindowStatus as W
from portal.workflow import table

# The four decisions, reachable from wherever a regulator holds the file. A decided project
# (approved, approved with conditions, rejected) has no way out: a decision never changes.
DECISIONS = {P.APPROVED, P.APPROVED_WITH_CONDITIONS, P.REVISION_REQUESTED, P.REJECTED}

PROJECT = table(
    P,
    "project",
    {
        P.DRAFT: {P.SUBMITTED, P.WITHDRAWN},
        # Claiming or assigning a reviewer starts the review; a lead reviewer may also decide at once.
        P.SUBMITTED: {P.UNDER_REVIEW, P.INFO_REQUESTED, P.WITHDRAWN, *DECISIONS},
        P.UNDER_REVIEW: {P.INFO_REQUESTED, P.WITHDRAWN, *DECISIONS},
        # The enterprise holds the file: it answers (back to the reviewer) or revises and
        # resubmits (a new version, straight back to the assigned reviewer when there is one).
        P.INFO_REQUESTED: {P.UNDER_REVIEW, P.SUBMITTED, P.WITHDRAWN},
        P.REVISION_REQUESTED: {P.SUBMITTED, P.UNDER_REVIEW, P.WITHDRAWN},
    },
)

# Where the enterprise holds the file and the review clock stands still.
CLOCK_PAUSED = frozenset({P.INFO_REQUESTED, P.REVISION_REQUESTED})

INFORMATION_REQUEST = table(
    R,
    "information_request",
    {
        R.OPEN: {R.ANSWERED, R.OVERDUE, R.SUPERSEDED, R.WITHDRAWN},
        # An overdue request can still be answered: the mark tells, it does not close the file.
        R.OVERDUE: {R.ANSWERED, R.SUPERSEDED, R.WITHDRAWN},
    },
)

REQUEST_OPEN = frozenset({R.OPEN, R.OVERDUE})

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


# Disclosure and participation (issue 14). A comment window opens and closes once, by its
# instants (the periodic job moves the status; every write checks the instant itself).

COMMENT_WINDOW = table(
    W,
    "comment_window",
    {
        W.SCHEDULED: {W.OPEN, W.CLOSED},
        W.OPEN: {W.CLOSED},
    },
)

# A comment counts once its author confirmed the email; a moderator publishes or rejects it;
# three reports from distinct people hide a published comment until a moderator looks again.
COMMENT = table(
    C,
    "comment",
    {
        C.UNCONFIRMED: {C.PENDING},
        C.PENDING: {C.PUBLISHED, C.REJECTED},
        C.PUBLISHED: {C.HIDDEN, C.REJECTED},
        C.HIDDEN: {C.PUBLISHED, C.REJECTED},
    },
)

# Project states in which a regulator may open the public consultation (before a decision).
CONSULTABLE = frozenset({P.SUBMITTED, P.UNDER_REVIEW, P.INFO_REQUESTED, P.REVISION_REQUESTED})
# Final decisions: a disclosure (A, B) or a public notice (C) follows each.
FINAL_DECISIONS = frozenset({P.APPROVED, P.APPROVED_WITH_CONDITIONS, P.REJECTED})
# A performance report (issue 15.1): scheduled (open) → filed by the enterprise → reviewed by a
# regulator. A filed report is never edited; a correction is a note in the review.
PERFORMANCE_REPORT = table(RS, "performance_report", {RS.OPEN: {RS.SUBMITTED}, RS.SUBMITTED: {RS.REVIEWED}})

# A regulator's performance review: findings are recorded while it is a draft; a lead reviewer
# concludes it (the score then feeds the barometer) and a concluded review is frozen.
PERFORMANCE_REVIEW = table(PR, "performance_review", {PR.DRAFT: {PR.CONCLUDED}})
