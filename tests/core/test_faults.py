"""When a part of the portal fails, nothing a resident sent is lost."""

import datetime
import smtplib
from unittest import mock

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from pages.trainings.models import TrainingRegistration
from tests.trainings.factories import TrainingIndexPageFactory, make_training


class MailServerDown(BaseEmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


@pytest.fixture
def task_worker_backend(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    cache.clear()


def mail_results():
    return DBTaskResult.objects.filter(task_path__endswith="send_registration_email").order_by(
        "enqueued_at"
    )


def run_worker():
    # The worker closes "old" connections between tasks, as a long-running process should. Inside
    # a test's transaction that would close the test's own connection on PostgreSQL (autocommit is
    # off there), so the worker keeps it here; the tasks still run on the real database backend.
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", batch=True, startup_delay=False, verbosity=0)


def test_mail_server_down_keeps_the_registration_and_the_worker_retries_the_mail(
    client, homes, settings, task_worker_backend
):
    training = make_training(TrainingIndexPageFactory(parent=homes["pl"]))
    settings.EMAIL_BACKEND = "tests.core.test_faults.MailServerDown"
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            training.url,
            {"full_name": "Ola Próbna", "email": "ola@example.org", "consent": "on"},
            follow=True,
        )
    # The resident is told they are registered: the mail is the task's business.
    assert response.status_code == 200
    assert TrainingRegistration.objects.filter(email="ola@example.org").count() == 1

    run_worker()  # the mail server is still down
    failed, retry = mail_results()
    assert failed.status == "FAILED" and "SMTPServerDisconnected" in failed.exception_class_path
    assert retry.status == "READY" and retry.run_after > timezone.now()
    assert mail.outbox == []

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    run_worker()  # not due yet: nothing is sent before its time
    assert mail.outbox == []
    DBTaskResult.objects.filter(pk=retry.pk).update(
        run_after=timezone.now() - datetime.timedelta(seconds=1)
    )
    run_worker()
    assert [message.to for message in mail.outbox] == [["ola@example.org"]]
    assert DBTaskResult.objects.get(pk=retry.pk).status == "SUCCESSFUL"


def test_retries_end_after_the_last_delay(homes, settings, task_worker_backend):
    from pages.trainings.emails import send_registration_email

    training = make_training(TrainingIndexPageFactory(parent=homes["pl"]))
    registration = TrainingRegistration.objects.create(
        training=training,
        full_name="Jan Próbny",
        email="jan@example.org",
        status=TrainingRegistration.Status.REGISTERED,
    )
    settings.EMAIL_BACKEND = "tests.core.test_faults.MailServerDown"
    settings.MAIL_RETRY_MINUTES = [1]
    send_registration_email.enqueue(registration.pk, "registered")
    run_worker()
    mail_results().filter(status="READY").update(run_after=timezone.now())
    run_worker()
    assert list(mail_results().values_list("status", flat=True)) == ["FAILED", "FAILED"]


def test_a_database_too_busy_to_write_keeps_the_form_and_says_so(client, homes, monkeypatch):
    from django.db import OperationalError

    from pages.trainings import views

    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    training = make_training(TrainingIndexPageFactory(parent=homes["pl"]))
    monkeypatch.setattr(views, "register", locked)
    response = client.post(
        training.url, {"full_name": "Ola Próbna", "email": "ola@example.org", "consent": "on"}
    )
    page = response.content.decode()
    assert response.status_code == 400  # the form again, as for any other error
    assert "Portal jest teraz bardzo obciążony" in page
    assert 'value="ola@example.org"' in page
    assert TrainingRegistration.objects.count() == 0
