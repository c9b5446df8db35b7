"""factory_boy factories shared by every test layer."""

import factory
from allauth.account.models import EmailAddress

from portal.choices import OrganisationKind, Role
from portal.models import Membership, Organisation, User

PASSWORD = "correct-horse-battery-9"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    full_name = factory.Faker("name")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        # allauth refuses unverified emails at login; personas are verified unless told not.
        if create and extracted is not False:
            EmailAddress.objects.get_or_create(user=self, email=self.email, verified=True, primary=True)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = OrganisationKind.ENTERPRISE
    name = factory.Sequence(lambda n: f"Organisation {n}")
    registration_number = factory.Sequence(lambda n: f"REG-{n:06d}")
    home_country = "CN"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.MEMBER


def member_of(organisation, *, email: str, role: str = Role.MEMBER, **user_kwargs) -> User:
    user = UserFactory(email=email, **user_kwargs)
    MembershipFactory(user=user, organisation=organisation, role=role)
    return user


def pdf_bytes(configure=None, *, pages: int = 1) -> bytes:
    """A small valid PDF; ``configure(writer)`` may add what a test needs (JavaScript, links…)."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=200, height=200)
    if configure is not None:
        configure(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
