"""Demo organisations and one login per role, for the embedded default (``make run``).

Loaded idempotently: running it again changes nothing. The organisations are fictitious and
say so in their names; knowledge-base content is real data loaded separately.
"""

import zlib

from allauth.account.models import EmailAddress
from django.db import transaction

from portal.choices import OrganisationKind, Role, Sector
from portal.models import Jurisdiction, Membership, Organisation, User

DEMO_PASSWORD = "green-demo-2026"  # noqa: S105 - demo logins, printed by `make run`

DEMO_ACCOUNTS = [
    # email, full name, organisation kind, organisation name, role, staff
    (
        "alice@acme.example",
        "Alice Chen",
        OrganisationKind.ENTERPRISE,
        "Acme Overseas Power Co. (demo)",
        Role.OWNER,
        False,
    ),
    (
        "charlie@globex.example",
        "Charlie Wang",
        OrganisationKind.ENTERPRISE,
        "Globex Mining Group (demo)",
        Role.OWNER,
        False,
    ),
    (
        "rita@authority.example",
        "Rita Sultanova",
        OrganisationKind.AUTHORITY,
        "Environmental Review Authority (demo)",
        Role.LEAD_REVIEWER,
        False,
    ),
    (
        "nadia@ngo.example",
        "Nadia Rahman",
        OrganisationKind.NGO,
        "River Watch Network (demo)",
        Role.OWNER,
        False,
    ),
    (
        "fiona@bank.example",
        "Fiona Li",
        OrganisationKind.FINANCIAL,
        "Silk Road Green Bank (demo)",
        Role.OWNER,
        False,
    ),
    (
        "eddie@editors.example",
        "Eddie Zhou",
        OrganisationKind.EDITORIAL,
        "Knowledge Base Editors (demo)",
        Role.OWNER,
        False,
    ),
    ("admin@portal.example", "Portal Staff", None, None, None, True),
]


EDITOR_GROUP = "Knowledge editors"


EDITOR_CATALOGUE_MODELS = [
    "sensitivearea",
    "sensitiveareakind",
    "hazardtemplate",
    "measuretemplate",
    "screeningruleset",
    "screeningrule",
]


def editor_group():
    """The admin permissions editors need: add, change and view knowledge records (no delete:
    published records are unpublished, not destroyed)."""
    from django.contrib.auth.models import Group, Permission
    from django.db.models import Q

    group, _ = Group.objects.get_or_create(name=EDITOR_GROUP)
    # The law base, and the content the screening and the lists are made of: sensitive areas,
    # the hazard and measure catalogue and screening rule sets (new versions are drafts until
    # activated; a rule set that screened a project is frozen).
    catalogue = Q(content_type__app_label="assessments", content_type__model__in=EDITOR_CATALOGUE_MODELS)
    group.permissions.set(
        Permission.objects.filter(Q(content_type__app_label="knowledge") | catalogue).exclude(
            codename__startswith="delete_"
        )
    )
    return group


@transaction.atomic
def load_demo_accounts() -> list[tuple[str, str, str]]:
    """Create (or leave as they are) the demo accounts; return (email, password, role label)."""
    rows = []
    for email, name, kind, org_name, role, staff in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(email=email, defaults={"full_name": name})
        if created:
            user.set_password(DEMO_PASSWORD)
            user.is_staff = user.is_superuser = staff
            user.save()
        EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
        if kind:
            org, _ = Organisation.objects.get_or_create(
                kind=kind,
                name=org_name,
                defaults={
                    "home_country": "CN" if kind == OrganisationKind.ENTERPRISE else "",
                    "registration_number": f"DEMO-{zlib.crc32(org_name.encode()):010d}"
                    if kind == OrganisationKind.ENTERPRISE
                    else "",
                    "main_sectors": [Sector.THERMAL_POWER, Sector.SOLAR]
                    if "Power" in org_name
                    else ([Sector.MINING] if "Mining" in org_name else []),
                },
            )
            Membership.objects.get_or_create(user=user, organisation=org, defaults={"role": role})
            if kind == OrganisationKind.EDITORIAL:
                # Editors work in the admin (django-reversion + modeltranslation).
                User.objects.filter(pk=user.pk).update(is_staff=True)
                user.groups.add(editor_group())
            if kind == OrganisationKind.AUTHORITY:
                for country in ("KZ", "PK", "ID"):
                    Jurisdiction.objects.get_or_create(organisation=org, country=country, sector="")
            label = f"{OrganisationKind(kind).label} ({Role(role).label})"
        else:
            label = "Portal staff (administrator)"
        rows.append((email, DEMO_PASSWORD, str(label)))
    return rows
