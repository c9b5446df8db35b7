"""Every Celery task names its queue, so rendering never waits behind mail and the other way round."""

import pytest

from portal.celery import app

QUEUES = {"default", "mail", "render"}


def _own_tasks():
    app.loader.import_default_modules()
    return {name: task for name, task in app.tasks.items() if not name.startswith("celery.")}


def test_the_portal_has_tasks_to_check():
    assert "portal.tasks.email_send_task" in _own_tasks()


@pytest.mark.parametrize("name", sorted(_own_tasks()))
def test_it_declares_a_known_queue_on_every_task(name):
    task = app.tasks[name]
    assert task.queue in QUEUES, f"{name} has no queue on its decorator"


def test_mail_goes_to_the_mail_queue():
    assert app.tasks["portal.tasks.email_send_task"].queue == "mail"
    assert app.tasks["portal.tasks.notification_email_task"].queue == "mail"
