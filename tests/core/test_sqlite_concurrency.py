"""Two server processes register people for the same training on one SQLite file at once.

The embedded default is SQLite, where two writers meet as "database is locked". The portal's
SQLite settings (IMMEDIATE transactions and a busy timeout) make the second writer wait for the
first, and the training's row lock keeps the count right: nobody is lost and nobody is seated
beyond the capacity.
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SETUP = """
from pages.models import HomePage
from tests.trainings.factories import TrainingIndexPageFactory, make_training
home = HomePage.objects.get(locale__language_code="pl")
training = make_training(TrainingIndexPageFactory(parent=home), capacity=5)
print(training.pk)
"""

REGISTER = """
import json, os, time
from pages.trainings.models import RegistrationRefused, TrainingPage, register
training = TrainingPage.objects.get(pk=int(os.environ["TRAINING"]))
while time.time() < float(os.environ["START_AT"]):
    time.sleep(0.005)
outcome = []
for number in range(10):
    email = f"{os.environ['WHO']}-{number}@example.org"
    try:
        registration = register(
            training, full_name="Osoba Próbna", email=email, consent_text="zgoda"
        )
        outcome.append(registration.status)
    except RegistrationRefused as refusal:
        outcome.append(f"refused: {refusal}")
print(json.dumps(outcome))
"""


def manage(env, *args, **kwargs):
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        **kwargs,
    )
    assert done.returncode == 0, done.stderr
    return done


@pytest.mark.django_db  # the test database is copied to a file (migrated_database_file)
@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "sqlite").split(":")[0] not in ("sqlite", ""),
    reason="the embedded SQLite default only (PostgreSQL has its own concurrency test)",
)
def test_two_processes_filling_the_last_places_lose_nobody_and_never_overbook(
    tmp_path, migrated_database_file
):
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="portal.settings.test",
        DATABASE_URL=f"sqlite:///{migrated_database_file(tmp_path / 'portal.sqlite3')}",
        PYTHONPATH=str(ROOT),
    )
    training = manage(env, "shell", "-c", SETUP).stdout.strip().splitlines()[-1]

    start_at = str(time.time() + 4)
    workers = [
        subprocess.Popen(
            [sys.executable, "manage.py", "shell", "-c", REGISTER],
            cwd=ROOT,
            env=dict(env, TRAINING=training, START_AT=start_at, WHO=who),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for who in ("a", "b")
    ]
    outcomes = []
    for worker in workers:
        out, err = worker.communicate(timeout=300)
        assert worker.returncode == 0, err
        outcomes += json.loads(out.strip().splitlines()[-1])

    # Every one of the 20 got an answer: a seat or the waiting list, never an error.
    assert sorted(outcomes) == ["registered"] * 5 + ["waiting"] * 15

    counts = (
        manage(
            env,
            "shell",
            "-v0",
            "-c",
            "from pages.trainings.models import TrainingRegistration as R; "
            "print(R.objects.filter(status='registered').count(), R.objects.count())",
        )
        .stdout.splitlines()[-1]
        .split()
    )
    assert counts == ["5", "20"]
