"""Rendered artefacts (PDF reports): the registry of kinds and the services that write them.

Each app registers its kinds in its ``AppConfig.ready()`` (``portal`` must not import
``assessments`` or ``knowledge``): a kind names a template and a context builder that turns the
subject into plain JSON: every value the template reads, nothing else. That JSON, canonicalised,
is hashed (SHA-256); the hash is the artefact's identity together with kind, subject and
language (a database constraint). So asking twice for the same inputs returns one artefact,
and a change of any input is the next version, the earlier ones kept.

Rendering is idempotent and safe against a worker dying at any point:

1. ``_start`` (short transaction, row lock): queued → rendering, ``attempts`` + 1. A ready or
   failed artefact, or one another worker started less than the timeout ago, is left alone.
2. The template is rendered from the stored inputs (not from live rows: a re-render after a
   crash draws exactly what was hashed) and WeasyPrint runs, outside any transaction.
3. ``_finish`` (row lock): only the attempt that still owns the row writes. The file is written
   under a per-attempt temporary name and renamed onto the artefact's final name, so a reader
   never sees half a PDF and a killed attempt leaves at most a ``.partial`` that the next
   attempt removes. The final name is fixed per artefact, so a retry after a crash between the
   rename and the commit replaces that unpublished file instead of leaving a second one.

A worker killed between 1 and 3 leaves the row in "rendering"; ``artefact_requeue_stuck``
(Celery beat) moves such rows back to queued after ``ARTEFACT_RENDER_TIMEOUT`` seconds.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal.artefact_workflow import ensure_transition
from portal.audit import audit_log
from portal.choices import ArtefactState as S
from portal.choices import NotificationKind
from portal.errors import ConflictError, ServiceError
from portal.models import Artefact

logger = logging.getLogger(__name__)

# Errors worth another try: the disk, the storage, the network to S3 or the database hiccup.
# Anything else (a template error, a bug) fails the artefact with a reason at once.
TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (OSError, OperationalError)
# After this many starts an artefact is failed rather than queued again: a document that kills
# its worker every time (memory) must not loop forever.
MAX_ATTEMPTS = 5


@dataclass(frozen=True)
class ArtefactKind:
    """One kind of artefact an app can render.

    ``build(subject=…, language=…)`` returns the template's inputs as JSON-able data; it runs
    with ``language`` active. ``title(inputs)`` names the document (PDF title, notification).
    ``url(artefact)`` is the page where the user follows it (inbox link); ``notify=False`` for
    public documents served at once from a cache (the country profile). Bump
    ``template_version`` when the template changes what it shows, so old inputs re-render.
    """

    code: str
    template: str
    build: Callable[..., dict[str, Any]]
    title: Callable[[dict[str, Any]], str]
    url: Callable[[Artefact], str] = lambda artefact: ""
    template_version: int = 1
    notify: bool = True  # tell the requester in the inbox when it is ready


_KINDS: dict[str, ArtefactKind] = {}


def artefact_kind_register(kind: ArtefactKind) -> None:
    """Register (or, on a reload, replace) a kind; called from an app's ``ready()``."""
    _KINDS[kind.code] = kind


def artefact_kind_get(code: str) -> ArtefactKind:
    try:
        return _KINDS[code]
    except KeyError as exc:
        raise ServiceError(_("Unknown kind of document: %(kind)s") % {"kind": code}) from exc


def canonical_inputs(inputs: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """The inputs as stored (plain JSON types) and the SHA-256 of their canonical form.

    Canonical: keys sorted, no insignificant whitespace, UTF-8, dates and decimals as Django's
    JSON encoder writes them. The same data always gives the same hash, on any database.
    """
    text = json.dumps(inputs, cls=DjangoJSONEncoder, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return json.loads(text), hashlib.sha256(text.encode("utf-8")).hexdigest()


def _timeout() -> timedelta:
    return timedelta(seconds=settings.ARTEFACT_RENDER_TIMEOUT)


def _move(artefact: Artefact, to: str) -> None:
    ensure_transition(artefact, to=to)
    artefact.state = to


def _enqueue(artefact_id: int) -> None:
    from portal.outbox import enqueue_on_commit
    from portal.tasks import artefact_render_task

    # Through the outbox: with the broker down the request still answers (the render waits in
    # the outbox until the sweep sends it) instead of failing after its commit (``make faults``,
    # redis drill). The queue comes from settings so a test or a deployment can give renders
    # their own.
    enqueue_on_commit(artefact_render_task, artefact_id, queue=settings.ARTEFACT_RENDER_QUEUE)


def artefact_inputs(*, kind: str, subject, language: str) -> tuple[dict[str, Any], str]:
    """Build the inputs a render of ``subject`` would use now, and their hash (no write)."""
    if language not in dict(settings.LANGUAGES):
        raise ServiceError(_("Unknown language: %(lang)s") % {"lang": language})
    spec = artefact_kind_get(kind)
    with translation.override(language):
        inputs = spec.build(subject=subject, language=language)
    return canonical_inputs({"template_version": spec.template_version, **inputs})


@transaction.atomic
def artefact_request(*, kind: str, subject, language: str, requested_by=None) -> Artefact:
    """The artefact for the subject's current inputs: the existing one, or a new version queued.

    A failed artefact with the same inputs is queued again (the failure may have been the
    worker's, not the document's). Idempotent: concurrent requests meet at the constraint.
    """
    spec = artefact_kind_get(kind)
    inputs, digest = artefact_inputs(kind=kind, subject=subject, language=language)
    key = {
        "kind": kind,
        "subject_type": ContentType.objects.get_for_model(subject),
        "subject_id": str(subject.pk),
        "language": language,
    }
    existing = Artefact.objects.select_for_update().filter(**key, inputs_hash=digest).first()
    if existing is not None:
        if existing.state == S.FAILED:
            _move(existing, S.QUEUED)
            existing.failure_reason = ""
            existing.attempts = 0
            existing.save(update_fields=["state", "failure_reason", "attempts"])
            audit_log(actor=requested_by, action="artefact.requeued", target=existing, after={"state": S.QUEUED})
            _enqueue(existing.pk)
        return existing
    with translation.override(language):
        title = str(spec.title(inputs))[:255]
    for _attempt in range(3):
        version = (Artefact.objects.filter(**key).aggregate(v=Max("version"))["v"] or 0) + 1
        try:
            with transaction.atomic():
                artefact = Artefact.objects.create(
                    **key,
                    inputs_hash=digest,
                    inputs=inputs,
                    version=version,
                    title=title,
                    requested_by=requested_by if getattr(requested_by, "pk", None) else None,
                )
            break
        except IntegrityError:
            # Someone else created this inputs hash (return theirs) or took the version number.
            same = Artefact.objects.filter(**key, inputs_hash=digest).first()
            if same is not None:
                return same
    else:
        raise ConflictError(_("Too many requests for this document at once; try again."))
    audit_log(
        actor=requested_by,
        action="artefact.requested",
        target=artefact,
        after={"kind": kind, "subject": artefact.subject_id, "language": language, "version": version},
    )
    _enqueue(artefact.pk)
    return artefact


@transaction.atomic
def _start(artefact_id: int) -> Artefact | None:
    artefact = Artefact.objects.select_for_update().filter(pk=artefact_id).first()
    if artefact is None or artefact.state in (S.READY, S.FAILED):
        return None
    if artefact.state == S.RENDERING:
        if artefact.started_at and artefact.started_at > timezone.now() - _timeout():
            return None  # another worker is on it; the stuck job takes over if it dies
        _move(artefact, S.QUEUED)  # the worker that had it is gone
    _move(artefact, S.RENDERING)
    artefact.attempts += 1
    artefact.started_at = timezone.now()
    artefact.save(update_fields=["state", "attempts", "started_at"])
    return artefact


def _final_name(artefact: Artefact) -> str:
    return (
        f"artefacts/{artefact.kind}/{artefact.subject_id}/{artefact.language}/"
        f"v{artefact.version}-{artefact.inputs_hash[:12]}.pdf"
    )


def _store(artefact: Artefact, data: bytes) -> str:
    """Write the PDF under its final name atomically; return the stored name."""
    name = _final_name(artefact)
    try:
        final = Path(default_storage.path(name))
    except NotImplementedError:
        # Object storage (S3): one PUT is atomic; never overwrite (file_overwrite=False).
        return default_storage.save(name, ContentFile(data))
    final.parent.mkdir(parents=True, exist_ok=True)
    partial = final.with_name(f"{final.name}.{artefact.attempts}.partial")
    with open(partial, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, final)
    for stale in final.parent.glob(f"{final.name}.*.partial"):
        stale.unlink(missing_ok=True)
    return name


@transaction.atomic
def _finish(artefact_id: int, attempt: int, data: bytes, page_count: int) -> Artefact | None:
    artefact = Artefact.objects.select_for_update().get(pk=artefact_id)
    if artefact.state != S.RENDERING or artefact.attempts != attempt:
        return None  # superseded by another attempt; write nothing
    name = _store(artefact, data)
    _move(artefact, S.READY)
    artefact.file.name = name
    artefact.sha256 = hashlib.sha256(data).hexdigest()
    artefact.size = len(data)
    artefact.page_count = page_count
    artefact.finished_at = timezone.now()
    artefact.save(update_fields=["state", "file", "sha256", "size", "page_count", "finished_at"])
    audit_log(
        actor=None,
        action="artefact.rendered",
        target=artefact,
        after={"sha256": artefact.sha256, "pages": page_count, "size": artefact.size},
    )
    _notify_ready(artefact)
    return artefact


def _notify_ready(artefact: Artefact) -> None:
    from portal.services import notification_send

    user = artefact.requested_by
    spec = artefact_kind_get(artefact.kind)
    if user is None or not spec.notify:
        return
    with translation.override(user.preferred_language):
        title = _("Ready to download: %(title)s (version %(version)s)") % {
            "title": artefact.title,
            "version": artefact.version,
        }
    notification_send(users=[user], kind=NotificationKind.SYSTEM, title=title, url=spec.url(artefact))


@transaction.atomic
def _fail(artefact_id: int, attempt: int | None, reason: str) -> None:
    artefact = Artefact.objects.select_for_update().get(pk=artefact_id)
    if attempt is not None and (artefact.state != S.RENDERING or artefact.attempts != attempt):
        return
    _move(artefact, S.FAILED)
    artefact.failure_reason = reason
    artefact.finished_at = timezone.now()
    artefact.save(update_fields=["state", "failure_reason", "finished_at"])
    audit_log(actor=None, action="artefact.failed", target=artefact, reason=reason)


@transaction.atomic
def _release(artefact_id: int, attempt: int) -> None:
    """Give the artefact back to the queue so the task's retry can start it again."""
    artefact = Artefact.objects.select_for_update().get(pk=artefact_id)
    if artefact.state == S.RENDERING and artefact.attempts == attempt:
        _move(artefact, S.QUEUED)
        artefact.save(update_fields=["state"])


def artefact_html(artefact: Artefact) -> str:
    """The HTML the artefact's template makes from its stored inputs."""
    spec = artefact_kind_get(artefact.kind)
    with translation.override(artefact.language):
        return render_to_string(
            spec.template,
            {
                "d": artefact.inputs,
                "artefact": artefact,
                "lang": artefact.language,
                "rtl": translation.get_language_bidi(),
            },
        )


def artefact_render(*, artefact_id: int, final_try: bool = False) -> Artefact | None:
    """Render one artefact (the render task's body). Returns it when this call finished it.

    Transient errors put it back in the queue and re-raise for the task's retry (or, on the
    last try, fail it); any other error fails it with a reason a person can read.
    """
    from portal.pdf import render_pdf

    artefact = _start(artefact_id)
    if artefact is None:
        return None
    attempt = artefact.attempts
    try:
        result = render_pdf(artefact_html(artefact))
        return _finish(artefact_id, attempt, result.data, result.page_count)
    except TRANSIENT_ERRORS as exc:
        logger.warning("artefact %s attempt %s: transient error %r", artefact_id, attempt, exc)
        if final_try or attempt >= MAX_ATTEMPTS:
            _fail(artefact_id, attempt, _("The document could not be stored; please ask for it again later."))
            return None
        _release(artefact_id, attempt)
        raise
    except Exception:
        logger.exception("artefact %s attempt %s failed", artefact_id, attempt)
        _fail(artefact_id, attempt, _("The document could not be rendered. The portal team has been told."))
        return None


def artefact_requeue_stuck(*, older_than: timedelta | None = None) -> list[int]:
    """Queue again what a lost worker left in "rendering" (or a lost message left queued).

    Run by Celery beat. Past ``MAX_ATTEMPTS`` starts the artefact is failed instead.
    """
    cutoff = timezone.now() - (older_than if older_than is not None else _timeout())
    requeued = []
    stuck = Artefact.objects.filter(state=S.RENDERING, started_at__lte=cutoff).values_list("pk", flat=True)
    for pk in list(stuck):
        with transaction.atomic():
            artefact = Artefact.objects.select_for_update().get(pk=pk)
            if artefact.state != S.RENDERING or artefact.started_at > cutoff:
                continue
            if artefact.attempts >= MAX_ATTEMPTS:
                _fail(pk, None, _("Rendering this document stopped its worker several times."))
                continue
            _move(artefact, S.QUEUED)
            artefact.save(update_fields=["state"])
            audit_log(actor=None, action="artefact.requeued", target=artefact, after={"attempts": artefact.attempts})
            _enqueue(pk)
            requeued.append(pk)
    # Queued long ago and never started: the message was lost (broker restart); send it again.
    for pk in Artefact.objects.filter(state=S.QUEUED, created_at__lte=cutoff, started_at__isnull=True).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            _enqueue(pk)
        requeued.append(pk)
    return requeued
