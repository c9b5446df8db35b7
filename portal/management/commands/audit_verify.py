"""``manage.py audit_verify``: recompute the audit trail's hash chain and name every break."""

from django.core.management.base import BaseCommand, CommandError

from portal.audit import audit_chain_verify


class Command(BaseCommand):
    help = "Check that no audit event was edited, removed or reordered (exit status 1 if one was)."

    def handle(self, *args, **options):
        report = audit_chain_verify()
        if not report.ok:
            for problem in report.problems:
                self.stderr.write(problem)
            raise CommandError(
                f"The audit trail is broken ({len(report.problems)} problem(s) in {report.checked} events)."
            )
        self.stdout.write(
            f"audit trail intact: {report.checked} events, head {report.head_hash or '-'} "
            "(keep this hash outside the database to detect a rewrite of the whole chain)"
        )
