"""Events the knowledge base announces to the apps above it.

``knowledge`` may not import ``assessments`` (the import-linter contract), yet a project that
relied on an instrument or a limit must learn when that changes (issue 15.2). The knowledge
services send these signals after an editor's change; ``assessments`` connects its receiver in
``AppConfig.ready``. The signal carries the facts of the change only, never a rule.

- ``instrument_changed(instrument, changes, actor)``: ``changes`` is a list of
  ``{"field", "before", "after"}`` for the instrument's dates and legal status;
- ``limit_changed(limit, instrument, changes, actor, removed)``: a limit row was added, edited
  (value, unit, averaging period, applicability) or, with ``removed=True``, is about to be deleted.
"""

from django.dispatch import Signal

instrument_changed = Signal()
limit_changed = Signal()
