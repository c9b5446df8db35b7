"""Forms for the portal's own pages (allauth supplies login, password and email forms)."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from portal.choices import OrganisationKind, Role, Sector
from portal.errors import ServiceError
from portal.models import Organisation, country_choices
from portal.text import clean_name


class EnterpriseSignupForm(forms.Form):
    """Extra fields on allauth's signup form: the person and the enterprise they register."""

    full_name = forms.CharField(label=_("Your full name"), max_length=200)
    organisation_name = forms.CharField(label=_("Enterprise legal name"), max_length=255)
    registration_number = forms.CharField(
        label=_("Registration number"),
        max_length=100,
        help_text=_("The number in your home country's business register."),
    )
    home_country = forms.ChoiceField(label=_("Home country"), choices=country_choices, initial="CN")
    main_sectors = forms.MultipleChoiceField(
        label=_("Main sectors"),
        choices=Sector.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose at least one."),
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("registration_number")
            and Organisation.objects.filter(
                kind=OrganisationKind.ENTERPRISE,
                home_country=data.get("home_country", ""),
                registration_number=clean_name(data["registration_number"]),
            ).exists()
        ):
            # Registration numbers are public business-register data: saying it is taken
            # reveals nothing about any person's account.
            raise forms.ValidationError(
                _(
                    "An enterprise with this registration number is already registered. "
                    "Ask its owner to invite you instead."
                )
            )
        return data

    def signup(self, request, user):
        """Called by allauth once the user row exists: name them and record their claim to the
        enterprise. The enterprise (and its registration number) is created on email
        confirmation (portal/claims.py), so an unconfirmed sign-up reserves nothing."""
        from portal.claims import enterprise_claim_create

        user.full_name = clean_name(self.cleaned_data["full_name"])
        user.preferred_language = getattr(request, "LANGUAGE_CODE", "en") or "en"
        user.save(update_fields=["full_name", "preferred_language"])
        try:
            enterprise_claim_create(
                user=user,
                name=self.cleaned_data["organisation_name"],
                registration_number=self.cleaned_data["registration_number"],
                home_country=self.cleaned_data["home_country"],
                main_sectors=self.cleaned_data["main_sectors"],
            )
        except ServiceError as exc:
            raise forms.ValidationError(exc.message) from exc


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    role = forms.ChoiceField(label=_("Role"), choices=[])

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        if organisation.kind == OrganisationKind.AUTHORITY:
            roles = [Role.REVIEWER, Role.LEAD_REVIEWER, Role.ADMIN]
        else:
            roles = [Role.MEMBER, Role.ADMIN]
        self.fields["role"].choices = [(r.value, r.label) for r in roles]


class ProfileForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200, required=False)
    preferred_language = forms.ChoiceField(label=_("Language for emails"), choices=settings.LANGUAGES)


class StaffOrganisationForm(forms.Form):
    """Staff create the organisations that may not register themselves."""

    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[
            (k.value, k.label)
            for k in (
                OrganisationKind.AUTHORITY,
                OrganisationKind.EDITORIAL,
                OrganisationKind.FINANCIAL,
                OrganisationKind.NGO,
            )
        ],
    )
    name = forms.CharField(label=_("Name"), max_length=255)
    owner_email = forms.EmailField(
        label=_("First user's email"),
        help_text=_("They set their password through “Forgot password”."),
    )
    countries = forms.MultipleChoiceField(
        label=_("Jurisdiction: host countries"),
        choices=country_choices,
        required=False,
        help_text=_("Authorities only."),
    )
    sectors = forms.MultipleChoiceField(
        label=_("Jurisdiction: sectors"),
        choices=Sector.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty for every sector."),
    )

    def clean(self):
        data = super().clean()
        if data.get("kind") == OrganisationKind.AUTHORITY and not data.get("countries"):
            raise forms.ValidationError(_("An authority needs at least one host country."))
        return data

    def jurisdictions(self) -> list[tuple[str, str]]:
        if self.cleaned_data["kind"] != OrganisationKind.AUTHORITY:
            return []
        sectors = self.cleaned_data.get("sectors") or [""]
        return [(c, s) for c in self.cleaned_data["countries"] for s in sectors]
