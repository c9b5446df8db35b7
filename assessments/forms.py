"""Forms of the enterprise workspace. They parse input; services decide."""

import pycountry
from django import forms
from django.utils.translation import gettext_lazy as _

from assessments.choices import DocumentKind, MeasureResponse, Phase, Visibility
from assessments.compliance import normalise_parameter
from assessments.models import Project
from assessments.questionnaire import QUESTIONS
from assessments.services import PROJECT_FIELDS
from knowledge.choices import Airshed, Fuel, Medium, PlantAge, ReceivingWater, SourceType
from knowledge.selectors import country_list_public

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
        label=_("Alternative measure"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    owner = forms.CharField(label=_("Owner"), required=False, max_length=200)
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DateInput())


class MeasureAddForm(forms.Form):
    title = forms.CharField(label=_("Measure"), max_length=255)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    phase = forms.ChoiceField(label=_("Phase"), choices=Phase.choices)
    risks = forms.MultipleChoiceField(label=_("Risks it treats"), required=False, widget=forms.CheckboxSelectMultiple)
    owner = forms.CharField(label=_("Owner"), required=False, max_length=200)
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DateInput())

    def __init__(self, *args, risks=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["risks"].choices = [(str(r.pk), r.title) for r in risks]


class ParameterField(forms.ChoiceField):
    """A choice of parameter that also accepts how people type it ("so2", "TSS")."""

    def to_python(self, value):
        return normalise_parameter(super().to_python(value))


class DesignValueForm(forms.Form):
    """A design value, chosen from what the knowledge base holds for the project's country and
    sector (``knowledge.selectors.design_parameter_options``), with the source facts the
    applicable limits depend on."""

    parameter = ParameterField(label=_("Parameter"))
    medium = forms.ChoiceField(label=_("Medium"), choices=Medium.choices)
    value = forms.DecimalField(label=_("Design value"), max_digits=14, decimal_places=4, min_value=0)
    unit = forms.ChoiceField(label=_("Unit"))
    averaging = forms.ChoiceField(label=_("Averaging period"), required=False)
    conditions = forms.CharField(
        label=_("Reference conditions"),
        max_length=120,
        required=False,
        help_text=_("For stack emissions: reference O2 and temperature, e.g. 6% O2, 0 °C, dry gas"),
    )
    source_type = forms.ChoiceField(
        label=_("Source type"), choices=[("", _("Not stated"))] + SourceType.choices[1:], required=False
    )
    fuel = forms.ChoiceField(label=_("Fuel"), choices=[("", _("Not stated"))] + Fuel.choices[1:], required=False)
    plant_age = forms.ChoiceField(
        label=_("New or existing plant"), choices=[("", _("Not stated"))] + PlantAge.choices[1:], required=False
    )
    airshed = forms.ChoiceField(
        label=_("Airshed"), choices=[("", _("Not stated"))] + Airshed.choices[1:], required=False
    )
    receiving_water = forms.ChoiceField(
        label=_("Effluent discharged to"),
        choices=[("", _("Not stated"))] + ReceivingWater.choices[1:],
        required=False,
    )
    receiving_water_class = forms.CharField(
        label=_("Class of the receiving water"), max_length=60, required=False, help_text=_("e.g. Class C")
    )

    # Units the matrix can convert to, offered besides those the knowledge base uses.
    EXTRA_UNITS = ("mg/Nm³", "g/Nm³", "µg/Nm³", "mg/m³", "µg/m³", "mg/L", "pH units")

    def __init__(self, *args, options=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.options = list(options)
        self.fields["parameter"].choices = [("", "—")] + [(p, p) for p in sorted({o["parameter"] for o in options})]
        units = sorted({o["unit"] for o in options} | set(self.EXTRA_UNITS))
        self.fields["unit"].choices = [(u, u) for u in units]
        periods = sorted({o["averaging"] for o in options if o["averaging"]})
        self.fields["averaging"].choices = [("", _("Not stated"))] + [(a, a) for a in periods]
        self.initial.setdefault("plant_age", PlantAge.NEW)

    def clean(self):
        data = super().clean()
        parameter, medium = data.get("parameter"), data.get("medium")
        if (
            parameter
            and medium
            and not any(o["parameter"] == parameter and o["medium"] == medium for o in self.options)
        ):
            self.add_error(
                "medium",
                _("The knowledge base holds no limit for %(parameter)s in this medium for this project.")
                % {"parameter": parameter},
            )
        return data


class DocumentUploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=DocumentKind.choices)
    title = forms.CharField(label=_("Title"), max_length=255, required=False)
    visibility = forms.ChoiceField(label=_("Visible to"), choices=Visibility.choices, initial=Visibility.REGULATORS)
    file = forms.FileField(
        label=_("File"), help_text=_("PDF, Word, Excel, OpenDocument, CSV, images, GeoJSON, KML or ZIP.")
    )


class DocumentVersionForm(forms.Form):
    file = forms.FileField(label=_("New version"))
