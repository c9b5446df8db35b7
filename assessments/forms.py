"""Forms of the enterprise workspace. They parse input; services decide."""

import pycountry
from django import forms
from django.utils.translation import gettext_lazy as _

from assessments.choices import DocumentKind, MeasureResponse, Phase, Visibility
from assessments.models import Project
from assessments.questionnaire import QUESTIONS
from assessments.services import PROJECT_FIELDS
from knowledge.choices import Medium
from knowledge.selectors import country_list_public
from portal.text import TEXT_MAX_LENGTH

CURRENCIES = sorted((c.alpha_3, f"{c.alpha_3} — {c.name}") for c in pycountry.currencies)


class DateInput(forms.DateInput):
    input_type = "date"


class ProjectForm(forms.ModelForm):
    currency = forms.ChoiceField(label=_("Currency"), choices=[("", "—"), *CURRENCIES], required=False)

    class Meta:
        model = Project
        fields = PROJECT_FIELDS
        widgets = {
            "construction_start": DateInput(),
            "operation_start": DateInput(),
            "description": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host_country"].queryset = country_list_public().exclude(iso2="CN").order_by("name")
        self.fields["host_country"].required = True
        self.fields["sector"].required = True

    def clean(self):
        data = super().clean()
        start, operation = data.get("construction_start"), data.get("operation_start")
        if start and operation and operation < start:
            self.add_error("operation_start", _("Operation cannot start before construction."))
        if data.get("capacity") is not None and not data.get("capacity_unit"):
            self.add_error("capacity_unit", _("Give the unit of the capacity."))
        if data.get("investment") is not None and not data.get("currency"):
            self.add_error("currency", _("Give the currency of the investment."))
        return data


class SiteForm(forms.Form):
    geojson = forms.CharField(
        label=_("Site as GeoJSON"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false"}),
        help_text=_("Drawn on the map above, or pasted: a Point, LineString or Polygon in longitude, latitude."),
    )
    upload = forms.FileField(label=_("…or upload a GeoJSON or KML file"), required=False, help_text=_("At most 2 MB."))

    def clean(self):
        data = super().clean()
        upload = data.get("upload")
        if upload:
            if upload.size > 2 * 1024 * 1024:
                raise forms.ValidationError(_("The site file is larger than 2 MB."))
            name = upload.name.lower()
            if not name.endswith((".geojson", ".json", ".kml")):
                raise forms.ValidationError(_("Upload a .geojson, .json or .kml file."))
            try:
                data["text"] = upload.read().decode("utf-8")
            except UnicodeDecodeError as exc:
                raise forms.ValidationError(_("The site file is not UTF-8 text.")) from exc
            data["format"] = "kml" if name.endswith(".kml") else "geojson"
        elif data.get("geojson", "").strip():
            data["text"], data["format"] = data["geojson"], "geojson"
        else:
            raise forms.ValidationError(_("Draw the site on the map, paste GeoJSON or upload a file."))
        return data


YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class QuestionnaireForm(forms.Form):
    def __init__(self, *args, answers: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        answers = answers or {}
        for q in QUESTIONS:
            if q.kind == "bool":
                initial = {True: "yes", False: "no"}.get(answers.get(q.code))
                self.fields[q.code] = forms.ChoiceField(
                    label=q.label, choices=YES_NO, widget=forms.RadioSelect, initial=initial, help_text=q.help
                )
            else:
                self.fields[q.code] = forms.DecimalField(
                    label=f"{q.label} ({q.unit})" if q.unit else q.label,
                    min_value=0,
                    max_digits=14,
                    decimal_places=3,
                    initial=answers.get(q.code),
                    help_text=q.help,
                )

    def answers(self) -> dict:
        out = {}
        for q in QUESTIONS:
            value = self.cleaned_data.get(q.code)
            if q.kind == "bool":
                out[q.code] = value == "yes"
            elif value is not None:
                out[q.code] = float(value)
        return out


class MeasureAnswerForm(forms.Form):
    response = forms.ChoiceField(
        label=_("Answer"),
        choices=[(MeasureResponse.ACCEPTED, _("Accept")), (MeasureResponse.ALTERNATIVE, _("Propose an alternative"))],
        widget=forms.RadioSelect,
    )
    alternative = forms.CharField(
        label=_("Alternative measure"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=TEXT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 2})
    )
    owner = forms.CharField(label=_("Owner"), required=False, max_length=200)
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DateInput())


class MeasureAddForm(forms.Form):
    title = forms.CharField(label=_("Measure"), max_length=255)
    description = forms.CharField(
        label=_("Description"), required=False, max_length=TEXT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 2})
    )
    phase = forms.ChoiceField(label=_("Phase"), choices=Phase.choices)
    risks = forms.MultipleChoiceField(label=_("Risks it treats"), required=False, widget=forms.CheckboxSelectMultiple)
    owner = forms.CharField(label=_("Owner"), required=False, max_length=200)
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DateInput())

    def __init__(self, *args, risks=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["risks"].choices = [(str(r.pk), r.title) for r in risks]


class DesignValueForm(forms.Form):
    parameter = forms.CharField(label=_("Parameter"), max_length=60, help_text=_("e.g. SO2, NOx, PM10, COD, BOD5, pH"))
    medium = forms.ChoiceField(label=_("Medium"), choices=Medium.choices)
    value = forms.DecimalField(label=_("Design value"), max_digits=14, decimal_places=4, min_value=0)
    unit = forms.CharField(label=_("Unit"), max_length=30, help_text=_("e.g. mg/Nm³, mg/L, µg/m³"))
    averaging = forms.CharField(label=_("Averaging period"), max_length=60, required=False)
    conditions = forms.CharField(
        label=_("Conditions"), max_length=120, required=False, help_text=_("e.g. 6% O2, dry gas")
    )


class DocumentUploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=DocumentKind.choices)
    title = forms.CharField(label=_("Title"), max_length=255, required=False)
    visibility = forms.ChoiceField(label=_("Visible to"), choices=Visibility.choices, initial=Visibility.REGULATORS)
    file = forms.FileField(
        label=_("File"), help_text=_("PDF, Word, Excel, OpenDocument, CSV, images, GeoJSON, KML or ZIP.")
    )


class DocumentVersionForm(forms.Form):
    file = forms.FileField(label=_("New version"))
