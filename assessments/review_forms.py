"""Forms of the review workspace and of the enterprise's answers. They parse input; services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from assessments.choices import Category, DecisionOutcome, Recurrence
from assessments.forms import DateInput
from assessments.selectors.lists import measure_list_for_project
from assessments.selectors.review import reviewer_list_for_project

TEXT_MAX = 10_000


def _area(rows=4):
    return forms.Textarea(attrs={"rows": rows})


class NoteForm(forms.Form):
    body = forms.CharField(label=_("Internal note"), max_length=TEXT_MAX, widget=_area(3))
    outcome = forms.ChoiceField(
        label=_("Recommend a decision (optional)"),
        required=False,
        choices=[("", _("No recommendation, just a note")), *DecisionOutcome.choices],
    )


def _attachment_field():
    return forms.FileField(
        label=_("Attachment (optional)"),
        required=False,
        max_length=255,
        help_text=_("PDF, office document, image or spreadsheet; it is checked by its content."),
    )


class RequestForm(forms.Form):
    question = forms.CharField(label=_("Question to the enterprise"), max_length=TEXT_MAX, widget=_area())
    due_date = forms.DateField(label=_("Answer by"), widget=DateInput())
    attachment = _attachment_field()


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Your answer"), max_length=TEXT_MAX, widget=_area())
    attachment = _attachment_field()


class AssignForm(forms.Form):
    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewer"] = forms.ModelChoiceField(
            label=_("Reviewer"), queryset=reviewer_list_for_project(project=project)
        )


class CategoryForm(forms.Form):
    category = forms.ChoiceField(label=_("New category"), choices=Category.choices)
    reason = forms.CharField(label=_("Reason for the change"), max_length=TEXT_MAX, widget=_area(3))


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Decision"), choices=DecisionOutcome.choices, widget=forms.RadioSelect)
    reasons = forms.CharField(label=_("Reasons"), max_length=TEXT_MAX, widget=_area(5))


class ConditionForm(forms.Form):
    """One numbered condition; a row left empty is ignored."""

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"] = forms.ModelChoiceField(
            label=_("Linked control measure (optional)"),
            queryset=measure_list_for_project(project=project),
            required=False,
        )

    text = forms.CharField(label=_("Condition"), max_length=TEXT_MAX, required=False, widget=_area(2))
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DateInput())
    recurrence = forms.ChoiceField(label=_("Recurrence"), choices=Recurrence.choices, required=False)


ConditionFormSet = forms.formset_factory(ConditionForm, extra=3, max_num=20)


def conditions_from(formset) -> list[dict]:
    return [f.cleaned_data for f in formset if f.cleaned_data.get("text")]
