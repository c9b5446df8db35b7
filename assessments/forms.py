"""Forms of the enterprise workspace. They parse input; services decide."""

import json

import pycountry
from django import forms
from django.utils.translation import gettext_lazy as _

from assessments.choices import DocumentKind, MeasureResponse, Phase, Visibility
from assessments.models import Project
from assessments.rules.compliance import normalise_parameter
from assessments.rules.questionnaire import QUESTIONS, UNKNOWN
from assessments.services.projects import PROJECT_FIELDS
from knowledge.choices import Airshed, Fuel, Medium, PlantAge, ReceivingWater, SourceType
from knowledge.selectors import country_list_public
from portal.text import TEXT_MAX_LENGTH

DESCRIPTION_MAX = TEXT_MAX_LENGTH
CURRENCIES = sorted((c.alpha_3, f"{c.alpha_3} — {c.name}") for c in pycountry.currencies)


class DateInput(forms.DateInput):
    input_type = "date"


class ProjectForm(forms.Form):
    """The project's own fields, parsed into types; the rules on them are the service's."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(forms.fields_for_model(Project, fields=PROJECT_FIELDS, widgets=self.WIDGETS))
        self.fields["host_country"].queryset = country_list_public().order_by("name")
        self.fields["host_country"].required = True
        self.fields["sector"].required = True
        self.fields["description"].max_length = DESCRIPTION_MAX
        # A select of ISO 4217 codes; an unknown code still reaches the service, which names it.
        self.fields["currency"] = forms.CharField(
            label=_("Currency"), required=False, max_length=3, widget=forms.Select(choices=[("", "—"), *CURRENCIES])
        )

    WIDGETS = {
        "construction_start": DateInput(),
        "operation_start": DateInput(),
        "description": forms.Textarea(attrs={"rows": 5}),
    }

    @staticmethod
    def initial_for(project: Project) -> dict:
        return {name: getattr(project, name) for name in PROJECT_FIELDS}


class SiteForm(forms.Form):
    geojson = forms.CharField(
        label=_("Site as GeoJSON"),
        required=False,
        max_length=2_000_000,
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false"}),
        help_text=_("Drawn on the map above, or pasted: a Point, LineString or Polygon in longitude, latitude."),
    )
    upload = forms.FileField(label=_("…or upload a GeoJSON or KML file"), required=False, help_text=_("At most 2 MB."))
    latitude = forms.FloatField(label=_("Latitude"), required=False, min_value=-90, max_value=90)
    longitude = forms.FloatField(label=_("Longitude"), required=False, min_value=-180, max_value=180)

    field_order = ["latitude", "longitude", "geojson", "upload"]

    def clean(self):
        """Two typed coordinates make a point site; they win over the GeoJSON box when the
        user changed them (or the box is empty), so a page without JavaScript works too."""
        data = super().clean()
        lat, lon = data.get("latitude"), data.get("longitude")
        if (lat is None) != (lon is None) and not self.errors:
            raise forms.ValidationError(_("Give both latitude and longitude, or neither."))
        if lat is not None and lon is not None:
            typed = {"latitude", "longitude"} & set(self.changed_data)
            if typed or not (data.get("geojson") or "").strip():
                data["geojson"] = json.dumps({"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]})
        return data


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you withdraw the project?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


YES_NO_UNKNOWN = [("yes", _("Yes")), ("no", _("No")), (UNKNOWN, _("Not known yet"))]


class QuestionnaireForm(forms.Form):
    """Each question answered yes, no, a number, or "not known yet" (screening then takes the
    cautious case and says so). The form parses; the consistency rules are the service's."""

    def __init__(self, *args, answers: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        answers = answers or {}
        for q in QUESTIONS:
            answer = answers.get(q.code)
            if q.kind == "bool":
                initial = {True: "yes", False: "no", UNKNOWN: UNKNOWN}.get(answer)
                self.fields[q.code] = forms.ChoiceField(
                    label=q.label, choices=YES_NO_UNKNOWN, widget=forms.RadioSelect, initial=initial, help_text=q.help
                )
            else:
                self.fields[q.code] = forms.DecimalField(
                    label=f"{q.label} ({q.unit})" if q.unit else q.label,
                    required=False,
                    max_digits=14,
                    decimal_places=3,
                    initial=None if answer == UNKNOWN else answer,
                    help_text=q.help,
                )
                self.fields[f"{q.code}__unknown"] = forms.BooleanField(
                    label=_("Not known yet"), required=False, initial=answer == UNKNOWN
                )

    def answers(self) -> dict:
        out = {}
        for q in QUESTIONS:
            value = self.cleaned_data.get(q.code)
            if q.kind == "bool":
                out[q.code] = {"yes": True, "no": False, UNKNOWN: UNKNOWN}[value]
            elif self.cleaned_data.get(f"{q.code}__unknown"):
                out[q.code] = UNKNOWN
            elif value is not None:
                out[q.code] = float(value)
        return out


class MeasureAnswerForm(forms.Form):
    """One row of the measures page (prefixed ``m<pk>``); an empty answer leaves it unchanged."""

    response = forms.ChoiceField(
        label=_("Answer"),
        choices=[(MeasureResponse.ACCEPTED, _("Accept")), (MeasureResponse.ALTERNATIVE, _("Propose an alternative"))],
        widget=forms.RadioSelect,
        required=False,
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
    value = forms.DecimalField(label=_("Design value"), max_digits=20, decimal_places=10, min_value=0)
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
    allow_duplicate = forms.BooleanField(label=_("Store a second copy anyway"), required=False)


class DocumentVersionForm(forms.Form):
    file = forms.FileField(label=_("New version"))
    allow_duplicate = forms.BooleanField(label=_("Store a second copy anyway"), required=False)
