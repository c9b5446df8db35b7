"""What the apps above the shell add to it: navigation items, dashboard panels, demo loaders.

``portal`` imports neither ``knowledge`` nor ``assessments``; each app fills this registry in its
``AppConfig.ready()``, and the shell (navigation, dashboard, ``load_demo``) reads it.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse


@dataclass(frozen=True)
class NavItem:
    label: str  # lazy translated
    url_name: str
    order: int
    visible: Callable = lambda user: True  # noqa: E731 - a default predicate

    @property
    def url(self) -> str:
        return reverse(self.url_name)


@dataclass(frozen=True)
class DashboardPanel:
    """A panel on the dashboard of members of ``organisation_kind`` ("" for every user)."""

    organisation_kind: str
    template: str
    order: int
    context: Callable = lambda user: {}  # noqa: E731 - a default context


@dataclass
class Registry:
    nav: list[NavItem] = field(default_factory=list)
    panels: list[DashboardPanel] = field(default_factory=list)
    demo_loaders: list[tuple[int, Callable]] = field(default_factory=list)
    warm_ups: list[Callable] = field(default_factory=list)

    def add_nav(self, item: NavItem) -> None:
        if all(existing.url_name != item.url_name for existing in self.nav):
            self.nav.append(item)
            self.nav.sort(key=lambda i: i.order)

    def add_panel(self, panel: DashboardPanel) -> None:
        if panel not in self.panels:
            self.panels.append(panel)
            self.panels.sort(key=lambda p: p.order)

    def add_demo_loader(self, loader: Callable, *, order: int) -> None:
        """``loader()`` loads an app's demo data idempotently; lower orders run first."""
        if all(existing is not loader for _o, existing in self.demo_loaders):
            self.demo_loaders.append((order, loader))
            self.demo_loaders.sort(key=lambda pair: pair[0])

    def add_warm_up(self, warm_up: Callable) -> None:
        """``warm_up()`` does at web-process start what the first request needing it would
        otherwise pay for (portal/wsgi.py runs them; commands and tests do not)."""
        if warm_up not in self.warm_ups:
            self.warm_ups.append(warm_up)

    def nav_for(self, user) -> list[NavItem]:
        return [item for item in self.nav if item.visible(user)]

    def panels_for(self, kind: str) -> list[DashboardPanel]:
        return [p for p in self.panels if p.organisation_kind == kind]


registry = Registry()
