"""The public alert subscription form: it parses types; the service decides what is allowed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from assessments.selectors.rating import enterprise_list_all
from knowledge.selectors import country_list_public
from portal.choices import Sector


class AlertForm(forms.Form):
    email = forms.EmailField(label=_("Your email address"), max_length=254)
    country = forms.ModelChoiceField(
        label=_("Host country"), queryset=country_list_public(), required=False, empty_label=_("Any country")
    )
    sector = forms.ChoiceField(label=_("Sector"), choices=[("", _("Any sector")), *Sector.choices], required=False)
    enterprise = forms.ModelChoiceField(
        label=_("Enterprise"), queryset=enterprise_list_all(), required=False, empty_label=_("Any enterprise")
    )
    latitude = forms.FloatField(label=_("Latitude of the area's centre"), required=False, min_value=-90, max_value=90)
    longitude = forms.FloatField(
        label=_("Longitude of the area's centre"), required=False, min_value=-180, max_value=180
    )
    radius_km = forms.IntegerField(label=_("Radius (km)"), required=False, min_value=1, max_value=500)
    new_disclosures = forms.BooleanField(label=_("New disclosures and decisions"), required=False, initial=True)
    windows_opening = forms.BooleanField(label=_("Comment windows opening"), required=False, initial=True)
