from django.contrib.sites.models import Site
from django.core.management.base import BaseCommand

from portal.demo import load_demo_accounts


class Command(BaseCommand):
    help = "Load the demo organisations and logins (idempotent) and print the logins."

    def handle(self, *args, **options):
        Site.objects.update_or_create(pk=1, defaults={"domain": "127.0.0.1", "name": "Green BRI Portal"})
        rows = load_demo_accounts()
        from assessments.demo import load_demo_coal_project, load_demo_project

        load_demo_project()
        load_demo_coal_project()
        self.stdout.write(f"Demo logins (password for all: {rows[0][1]}):")
        for email, _password, label in rows:
            self.stdout.write(f"  {label:<45} {email}")
