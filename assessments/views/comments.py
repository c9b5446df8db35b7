"""The regulator's side of participation (open the consultation, the moderation queue and its
three actions) and the enterprise's side (answer each published comment).

Comments come through jurisdiction- or enterprise-scoped selectors: another authority's
comment, or another enterprise's, is a 404.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from assessments.disclosure_forms import AnswerCommentForm, ConsultationForm, RedactForm, RejectForm
from assessments.selectors import disclosure as sel
from assessments.services import comments as services
from assessments.services import disclosure as disclosure_services
from assessments.views.base import ProjectMixin
from assessments.views.review import AuthorityMixin, ReviewProjectMixin


class ConsultationOpenView(ReviewProjectMixin, View):
    """A reviewer opens the public consultation of a category A or B project."""

    form_name = "consultation_form"

    def post(self, request, pk):
        form = self.bound_form = ConsultationForm(request.POST)
        if not form.is_valid():
            return self.render_page(consultation_form=form, status=400)
        data = form.cleaned_data
        window = disclosure_services.consultation_open(
            project=self.project,
            opened_by=request.user,
            opens_at=data["opens_at"] or None,
            closes_at=data["closes_at"] or None,
            days=data["days"],
            day_basis=data["day_basis"],
            time_zone=data["time_zone"].strip(),
        )
        return self.done(
            _("Consultation opened: comments are accepted until %(date)s (%(zone)s).")
            % {"date": window.closes_at.astimezone(window.zone).strftime("%Y-%m-%d %H:%M"), "zone": window.time_zone}
        )


class ModerationQueueView(AuthorityMixin, View):
    def get(self, request):
        return render(
            request,
            "assessments/disclosure/moderation.html",
            {
                "comments": list(sel.moderation_queue_for_user(user=request.user)[:200]),
                "reject_form": RejectForm(),
                "redact_form": RedactForm(),
            },
        )


class ModerationActionView(AuthorityMixin, View):
    """publish | reject | redact one comment of the user's jurisdiction."""

    def render_error(self, exc):
        messages.error(self.request, exc.message)
        return redirect("review:moderation")

    def post(self, request, pk, action):
        comment = sel.comment_get_for_moderator(user=request.user, pk=pk)
        if comment is None:
            raise Http404(_("No such comment in your jurisdiction."))
        if action == "publish":
            services.comment_publish(comment=comment, moderator=request.user)
            messages.success(request, _("Comment published."))
        elif action == "reject":
            form = RejectForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Give the reason for rejecting it."))
                return redirect("review:moderation")
            services.comment_reject(comment=comment, moderator=request.user, reason=form.cleaned_data["reason"])
            messages.success(request, _("Comment rejected."))
        elif action == "redact":
            form = RedactForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Copy the passage exactly as it appears in the comment."))
                return redirect("review:moderation")
            services.comment_redact(comment=comment, moderator=request.user, passage=form.cleaned_data["passage"])
            messages.success(request, _("Passage removed from the published text."))
        else:
            raise Http404
        return redirect("review:moderation")


class ProjectCommentsView(ProjectMixin, View):
    """The enterprise's page: each published comment with its answer or an answer form."""

    template = "assessments/disclosure/enterprise_comments.html"
    form_name = "answer_form"

    def page_context(self, **extra):
        bound, answering = extra.pop("answer_form", None), extra.pop("answering", None)
        comments = list(sel.comment_list_for_enterprise(project=self.project))
        for c in comments:
            # One form per comment, prefixed, so ids stay unique on the page.
            c.answer_form = bound if c.pk == answering and bound is not None else AnswerCommentForm(prefix=f"c{c.pk}")
        return self.context(comments=comments, **extra)

    def get(self, request, pk):
        return self.render_page()


class CommentAnswerView(ProjectCommentsView):
    def get(self, request, pk, comment_pk):
        return redirect("assessments:project-comments", pk=pk)

    def render_error(self, exc):
        return self.render_page(answer_form=self.bound_form, answering=self.comment.pk, error=exc.message)

    def post(self, request, pk, comment_pk):
        self.comment = sel.comment_get_for_enterprise(project=self.project, pk=comment_pk)
        if self.comment is None:
            raise Http404
        form = self.bound_form = AnswerCommentForm(request.POST, prefix=f"c{self.comment.pk}")
        if not form.is_valid():
            return self.render_page(answer_form=form, answering=self.comment.pk, status=400)
        services.comment_answer(comment=self.comment, answered_by=request.user, **form.cleaned_data)
        messages.success(request, _("Answer published beside the comment."))
        return redirect("assessments:project-comments", pk=pk)
