"""The regulator's workspace: the queue of the authority's jurisdiction, the review workspace of
one project, and one view per review action. Projects come through the jurisdiction-scoped
selector (another jurisdiction's project is a 404); services decide and raise typed errors
that ``ServiceErrorMixin`` turns into pages."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View

from assessments.disclosure_forms import ConsultationForm
from assessments.permissions import can_answer_request, can_decide_project, can_review_project
from assessments.review_forms import (
    AnswerForm,
    AssignForm,
    CategoryForm,
    ConditionFormSet,
    DecisionForm,
    NoteForm,
    RequestForm,
    conditions_from,
)
from assessments.selectors import disclosure as disclosure_selectors
from assessments.selectors import review as sel
from assessments.selectors.documents import document_version_list_for_project
from assessments.selectors.letter import KIND as LETTER_KIND
from assessments.services import review as services
from assessments.views.base import ProjectMixin
from assessments.views.files import document_version_response
from assessments.workflow import CONSULTABLE, PROJECT
from portal.artefact_views import artefact_download_response
from portal.artefacts import artefact_request
from portal.mixins import ServiceErrorMixin
from portal.permissions import is_authority_user


class AuthorityMixin(LoginRequiredMixin, ServiceErrorMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not is_authority_user(request.user):
            raise PermissionDenied(_("This workspace is for authorities."))
        return super().dispatch(request, *args, **kwargs)


class ReviewQueueView(AuthorityMixin, View):
    """The queue: submitted projects of the user's jurisdiction, filtered and sorted."""

    def get(self, request):
        filterset = sel.review_queue_for_user(user=request.user, params=request.GET)
        projects = list(filterset.qs)
        now = timezone.now()
        for p in projects:
            p.days_in_review = p.review.days_in_review(now)
            p.due = p.review.due(now)
            p.overdue = p.due < now and p.review.closed_at is None and not p.review.is_paused
        return render(
            request,
            "assessments/review/queue.html",
            {
                "filter": filterset,
                "projects": projects,
                "memberships": sel.review_authority_memberships(user=request.user),
            },
        )


# Kept under its old name for the navigation entry and links that point at it.
ReviewHomeView = ReviewQueueView


class ReviewProjectMixin(AuthorityMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and is_authority_user(request.user):
            self.project = sel.review_project_get_for_user(user=request.user, pk=kwargs["pk"])
            if self.project is None:
                raise Http404(_("No such project in your jurisdiction."))
        return super().dispatch(request, *args, **kwargs)

    def forms(self):
        project = self.project
        return {
            "note_form": NoteForm(),
            "request_form": RequestForm(),
            "assign_form": AssignForm(project=project),
            "category_form": CategoryForm(),
            "decision_form": DecisionForm(),
            "condition_formset": ConditionFormSet(prefix="cond", form_kwargs={"project": project}),
            "consultation_form": ConsultationForm(),
        }

    def page_context(self, **extra) -> dict:
        project = self.project
        user = self.request.user
        versions = list(sel.version_list_for_project(project=project))
        shown = versions[0] if versions else None
        wanted = self.request.GET.get("version")
        if wanted:
            shown = next((v for v in versions if str(v.number) == wanted), shown)
        compare = None
        against = self.request.GET.get("compare")
        if against and shown:
            compare = next((v for v in versions if str(v.number) == against and v.number != shown.number), None)
        now = timezone.now()
        review = project.review
        return {
            "project": project,
            "review": review,
            "due": review.due(now),
            "days_in_review": review.days_in_review(now),
            "versions": versions,
            "shown": shown,
            "compare": compare,
            "diff": sel.version_diff(old=compare, new=shown) if compare else None,
            "notes": sel.note_list_for_reviewers(project=project),
            "requests": sel.request_list_for_project(project=project),
            "decisions": sel.decision_list_for_project(project=project),
            "category_changes": project.category_changes.select_related("changed_by"),
            "trail": sel.review_trail(project),
            "can_review": can_review_project(user, project),
            "can_decide": can_decide_project(user, project),
            "can_claim": can_review_project(user, project) and review.reviewer_id is None,
            "decidable": any(PROJECT.allows(project.status, o) for o in ("approved", "rejected")),
            # Issue 14: the public consultation (category A and B, while in review).
            "comment_window": getattr(project, "comment_window", None),
            "consultable": project.category in ("A", "B") and project.status in CONSULTABLE,
            "askable": PROJECT.allows(project.status, "info_requested") or project.status == "info_requested",
            **self.forms(),
            **extra,
        }

    def render_page(self, status=200, **extra):
        return render(self.request, "assessments/review/workspace.html", self.page_context(**extra), status=status)

    def render_error(self, exc):
        extra = {"error": exc.message}
        if self.bound_form is not None:
            extra[self.form_name] = self.bound_form
        return self.render_page(**extra)

    def done(self, message):
        messages.success(self.request, message)
        return redirect("review:project", pk=self.project.pk)


class ReviewWorkspaceView(ReviewProjectMixin, View):
    def get(self, request, pk):
        return self.render_page()


class ReviewClaimView(ReviewProjectMixin, View):
    def post(self, request, pk):
        services.review_claim(project=self.project, claimed_by=request.user)
        return self.done(_("You now review this project."))


class ReviewAssignView(ReviewProjectMixin, View):
    form_name = "assign_form"

    def post(self, request, pk):
        form = self.bound_form = AssignForm(request.POST, project=self.project)
        if not form.is_valid():
            return self.render_page(assign_form=form, status=400)
        services.review_assign(project=self.project, reviewer=form.cleaned_data["reviewer"], assigned_by=request.user)
        return self.done(_("Reviewer assigned."))


class ReviewNoteView(ReviewProjectMixin, View):
    form_name = "note_form"

    def post(self, request, pk):
        form = self.bound_form = NoteForm(request.POST)
        if not form.is_valid():
            return self.render_page(note_form=form, status=400)
        services.review_note_add(project=self.project, author=request.user, **form.cleaned_data)
        return self.done(_("Note saved. Only reviewers see it."))


class ReviewRequestView(ReviewProjectMixin, View):
    form_name = "request_form"

    def post(self, request, pk):
        form = self.bound_form = RequestForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_page(request_form=form, status=400)
        data = dict(form.cleaned_data)
        attachment = data.pop("attachment")
        services.information_request_create(
            project=self.project, asked_by=request.user, attachments=[attachment], **data
        )
        return self.done(_("Request sent. The review clock is paused until the enterprise answers."))


class ReviewCategoryView(ReviewProjectMixin, View):
    form_name = "category_form"

    def post(self, request, pk):
        form = self.bound_form = CategoryForm(request.POST)
        if not form.is_valid():
            return self.render_page(category_form=form, status=400)
        services.review_change_category(project=self.project, changed_by=request.user, **form.cleaned_data)
        return self.done(_("Category changed."))


class ReviewDecideView(ReviewProjectMixin, View):
    form_name = "decision_form"

    def post(self, request, pk):
        form = self.bound_form = DecisionForm(request.POST)
        formset = ConditionFormSet(request.POST, prefix="cond", form_kwargs={"project": self.project})
        if not (form.is_valid() and formset.is_valid()):
            return self.render_page(decision_form=form, condition_formset=formset, status=400)
        services.decision_make(
            project=self.project,
            decided_by=request.user,
            outcome=form.cleaned_data["outcome"],
            reasons=form.cleaned_data["reasons"],
            conditions=conditions_from(formset),
        )
        return self.done(_("Decision recorded. The enterprise has been notified."))


class ReviewDocumentDownloadView(ReviewProjectMixin, View):
    """A document version of a project in the reviewer's jurisdiction (others are a 404)."""

    def get(self, request, pk, version_pk):
        version = document_version_list_for_project(project=self.project).filter(pk=version_pk).first()
        if version is None:
            raise Http404
        return document_version_response(version)


# --- The enterprise's side: its requests, answers, decision and conditions (never a note) ---------


class ProjectReviewView(ProjectMixin, View):
    """The enterprise's view of the review: requests to answer, the decision and its conditions."""

    template = "assessments/project_review.html"
    form_name = "answer_form"

    def page_context(self, **extra):
        project = self.project
        return self.context(
            requests=sel.request_list_for_project(project=project),
            decisions=sel.decision_list_for_project(project=project),
            versions=sel.version_list_for_project(project=project),
            review=getattr(project, "review", None),
            can_answer=can_answer_request(self.request.user, project),
            disclosed=disclosure_selectors.project_is_disclosed(project),
            answer_form=extra.pop("answer_form", None) or AnswerForm(),
            answering=extra.pop("answering", None),
            **extra,
        )

    def get(self, request, pk):
        return self.render_page()


class RequestAnswerView(ProjectReviewView):
    def get(self, request, pk, request_pk):
        return redirect("assessments:project-review", pk=pk)

    def render_error(self, exc):
        return self.render_page(answer_form=self.bound_form, answering=self.info_request.pk, error=exc.message)

    def post(self, request, pk, request_pk):
        self.info_request = sel.request_get_for_project(project=self.project, pk=request_pk)
        if self.info_request is None:
            raise Http404
        form = self.bound_form = AnswerForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_page(answer_form=form, answering=self.info_request.pk, status=400)
        services.information_request_answer(
            request=self.info_request,
            answered_by=request.user,
            answer=form.cleaned_data["answer"],
            attachments=[form.cleaned_data["attachment"]],
        )
        messages.success(request, _("Answer sent to the regulator."))
        return redirect("assessments:project-review", pk=pk)


class _AttachmentMixin:
    """A file that goes with a request for information, for whoever may read the request."""

    def get(self, request, pk, request_pk, attachment_pk):
        attachment = sel.request_attachment_get(project=self.project, request_pk=request_pk, pk=attachment_pk)
        if attachment is None:
            raise Http404(_("No such file."))
        return document_version_response(attachment)


class RequestAttachmentView(ProjectMixin, _AttachmentMixin, View):
    pass


class ReviewRequestAttachmentView(ReviewProjectMixin, _AttachmentMixin, View):
    pass


class _LetterMixin:
    """The decision letter as a PDF from the render pipeline, in the reader's language with the
    English text beside it. Rendered when the decision is made; while a version is still being
    prepared the page says so and reloads. ``self.project`` comes from the role's scope."""

    back_url_name = ""

    def get(self, request, pk):
        decision = sel.decision_latest(self.project)
        if decision is None:
            raise Http404(_("There is no decision on this project yet."))
        language = request.GET.get("lang") or request.user.preferred_language or get_language()
        if language not in dict(settings.LANGUAGES):
            raise Http404(_("No such language."))
        artefact = artefact_request(kind=LETTER_KIND, subject=decision, language=language, requested_by=request.user)
        if artefact.is_ready:
            return artefact_download_response(artefact, inline=True)
        response = render(
            request,
            "assessments/review/letter_pending.html",
            {"project": self.project, "artefact": artefact, "back_url": reverse(self.back_url_name, args=[pk])},
            status=202 if artefact.is_pending else 503,
        )
        response["Retry-After"] = "5"
        return response


class DecisionLetterView(ProjectMixin, _LetterMixin, View):
    back_url_name = "assessments:project-review"


class ReviewDecisionLetterView(ReviewProjectMixin, _LetterMixin, View):
    back_url_name = "review:project"


class ServiceStandardsView(View):
    """Public: how long the regulator takes per category, and on which legal basis."""

    def get(self, request):
        return render(
            request, "assessments/review/service_standards.html", {"periods": sel.review_period_list_public()}
        )
