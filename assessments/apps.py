from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = _("Project assessment")

    def ready(self):
        from assessments.demo import load_demo_coal_project, load_demo_project, load_demo_review
        from assessments.selectors import project_list_for_dashboard
        from assessments.selectors.review import review_dashboard_for
        from portal import permissions
        from portal.choices import OrganisationKind as K
        from portal.registry import DashboardPanel, NavItem, registry

        registry.add_nav(
            NavItem(_("Projects"), "assessments:project-list", order=30, visible=permissions.is_enterprise_user)
        )
        # One entry for the regulator's work; its four areas are tabs on their pages
        # (templates/assessments/review/_areas.html), so the site navigation fits on one row.
        registry.add_nav(NavItem(_("Review"), "review:home", order=35, visible=permissions.is_authority_user))
        registry.add_panel(
            DashboardPanel(
                K.ENTERPRISE,
                "assessments/panels/enterprise_projects.html",
                order=10,
                context=lambda user: {"projects": project_list_for_dashboard(user=user)},
            )
        )
        registry.add_panel(
            DashboardPanel(
                K.AUTHORITY,
                "assessments/panels/authority_review.html",
                order=10,
                context=lambda user: {"review_counts": review_dashboard_for(user=user)},
            )
        )
        registry.add_demo_loader(load_demo_project, order=20)
        registry.add_demo_loader(load_demo_coal_project, order=21)
        from assessments.selectors import report
        from portal.artefacts import ArtefactKind, artefact_kind_register

        artefact_kind_register(
            ArtefactKind(
                code=report.KIND,
                template="pdf/project_report.html",
                build=report.project_report_inputs,
                title=report.project_report_title,
                url=report.project_report_url,
                template_version=report.TEMPLATE_VERSION,
            )
        )
        from assessments.selectors import letter

        artefact_kind_register(
            ArtefactKind(
                code=letter.KIND,
                template="pdf/decision_letter.html",
                build=letter.decision_letter_inputs,
                title=letter.decision_letter_title,
                url=letter.decision_letter_url,
                template_version=letter.TEMPLATE_VERSION,
                notify=False,
            )
        )
        from assessments.selectors import credit_report

        artefact_kind_register(
            ArtefactKind(
                code=credit_report.KIND,
                template="pdf/credit_profile.html",
                build=credit_report.credit_profile_inputs,
                title=credit_report.credit_profile_title,
                template_version=credit_report.TEMPLATE_VERSION,
                notify=False,
            )
        )
        registry.add_demo_loader(load_demo_review, order=30)
        # Issue 15: the public barometer and blacklist, the regulator's cases.
        from assessments.demo import load_demo_blacklist

        registry.add_nav(NavItem(_("Ratings"), "barometer:rating-list", order=70))
        registry.add_nav(NavItem(_("Blacklist"), "barometer:blacklist", order=71))
        registry.add_nav(
            NavItem(
                _("Blacklist and lookups"),
                "barometer:workspace-cases",
                order=31,
                visible=permissions.is_enterprise_user,
            )
        )
        registry.add_demo_loader(load_demo_blacklist, order=30)
        # Issue 14.5: public statistics, for everyone.
        registry.add_nav(NavItem(_("Statistics"), "statistics:index", order=72))
        # Issue 14: public disclosure and participation.
        from assessments.demo import load_demo_disclosure
        from assessments.selectors import disclosure_report

        artefact_kind_register(
            ArtefactKind(
                code=disclosure_report.KIND,
                template="pdf/disclosure.html",
                build=disclosure_report.disclosure_pdf_inputs,
                title=disclosure_report.disclosure_pdf_title,
                url=disclosure_report.disclosure_pdf_url,
                template_version=disclosure_report.TEMPLATE_VERSION,
                notify=False,
            )
        )
        registry.add_nav(NavItem(_("Disclosure"), "disclosure:register", order=60))
        registry.add_demo_loader(load_demo_disclosure, order=40)
        from assessments.selectors.disclosure import records_next_change_at
        from portal.public_cache import RECORDS, register_schedule_source

        register_schedule_source(records_next_change_at, scope=RECORDS)
        # Issue 15.1–15.3: performance reports, performance review, change alerts.
        from assessments.demo import load_demo_performance
        from assessments.services import changes
        from knowledge.signals import instrument_changed, limit_changed

        instrument_changed.connect(changes.receive_instrument_changed, dispatch_uid="assessments-instrument-changed")
        limit_changed.connect(changes.receive_limit_changed, dispatch_uid="assessments-limit-changed")
        registry.add_demo_loader(load_demo_performance, order=40)
