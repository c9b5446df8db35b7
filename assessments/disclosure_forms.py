"""Forms of public participation: the comment, a report of abuse, moderation and the
enterprise's answer. Limits match the services (which check again)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from assessments.choices import AnswerVerdict, DayBasis
from assessments.services.comments import BODY_MAX, REASON_MAX
from portal.models import country_choices


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if not data:
            return []
        if not isinstance(data, list | tuple):
            data = [data]
        return [super(MultipleFileField, self).clean(d, initial) for d in data]


class CommentForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=120)
    organisation_name = forms.CharField(label=_("Organisation (optional)"), max_length=200, required=False)
    country = forms.ChoiceField(label=_("Country where you live (optional)"), required=False)
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        help_text=_("We send a link to confirm your comment. Your email is never published."),
    )
    body = forms.CharField(label=_("Your comment"), max_length=BODY_MAX, widget=forms.Textarea(attrs={"rows": 8}))
    attachments = MultipleFileField(
        label=_("Attachments (optional, up to three files of 10 MB: PDF, images, office documents)"), required=False
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "—"), *country_choices()]
        if user is not None and user.is_authenticated:
            # A signed-in person comments with the account's confirmed address.
            del self.fields["email"]
            self.fields["name"].initial = user.get_full_name()


class ReportForm(forms.Form):
    reason = forms.CharField(label=_("What is wrong with this comment?"), max_length=500)


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for rejecting"), max_length=REASON_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )


class RedactForm(forms.Form):
    passage = forms.CharField(
        label=_("Passage to remove (copy it exactly)"), max_length=BODY_MAX, widget=forms.Textarea(attrs={"rows": 2})
    )


class AnswerCommentForm(forms.Form):
    verdict = forms.ChoiceField(label=_("Answer"), choices=AnswerVerdict.choices, widget=forms.RadioSelect)
    reason = forms.CharField(label=_("Reason"), max_length=REASON_MAX, widget=forms.Textarea(attrs={"rows": 4}))


class ConsultationForm(forms.Form):
    # Kept as text: the service reads a time without an offset in the window's time zone.
    opens_at = forms.CharField(
        max_length=40,
        label=_("Opens (local time of the time zone below; empty: now)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    days = forms.IntegerField(
        label=_("Length in days (empty: 30 for category A, 14 for B)"), min_value=1, max_value=180, required=False
    )
    day_basis = forms.ChoiceField(label=_("Count in"), choices=DayBasis.choices, initial=DayBasis.CALENDAR)
    closes_at = forms.CharField(
        max_length=40,
        label=_("Or close at (local time; overrides the length)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    time_zone = forms.CharField(label=_("Time zone (empty: the host country's)"), max_length=64, required=False)
