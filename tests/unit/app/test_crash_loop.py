"""SIGKILL in the middle of saving reviews, 100 times: the database opens every time and
every review the app acknowledged before the kill is there (and the schedule agrees).

The child process records reviews through the real `StudyService` as fast as it can and
prints each review's timestamp only after `record_review` returned; the parent kills it
at a random moment with SIGKILL (no cleanup, no atexit) and reopens the database.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.content import load_library
from app.store import Store
from app.study.core import scheduler
from app.study.core.service import StudyService

ROOT = Path(__file__).resolve().parents[3]
KILLS = 100

CHILD = """
import sys
from pathlib import Path
from app.content import load_library
from app.store import Store
from app.study.core.service import StudyService

path, start = Path(sys.argv[1]), float(sys.argv[2])
library = load_library()
ids = [q.id for q in library.questions]
service = StudyService(library, Store(path))
print("ready", flush=True)
i = 0
while True:
    stamp = start + i * 61.0
    service.record_review(ids[i % len(ids)], 1 + (i * 7) % 4, duration_ms=1000, at=stamp)
    print(f"{stamp:.3f}", flush=True)
    i += 1
"""


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_while_saving_reviews_loses_nothing_acknowledged(tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    rng = random.Random(20250301)
    acknowledged: set[float] = set()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    started = time.monotonic()
    for kill in range(KILLS):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(db), str(1_740_000_000.0 + kill * 1e6)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env=env,
        )
        assert child.stdout is not None
        ready = child.stdout.readline()
        assert ready.strip() == "ready", child.stderr.read() if child.stderr else ""
        # Let it write a random number of reviews, then kill it at a random instant.
        for _ in range(rng.randint(0, 15)):
            line = child.stdout.readline()
            if line:
                acknowledged.add(float(line))
        time.sleep(rng.uniform(0, 0.004))
        child.send_signal(signal.SIGKILL)
        rest, _err = child.communicate(timeout=10)
        acknowledged.update(float(line) for line in rest.split())  # printed before the kill
        assert child.returncode == -signal.SIGKILL

    elapsed = time.monotonic() - started
    with Store(db) as store:
        assert store.recovery_message is None
        found = {round(r.reviewed_at, 3) for r in store.reviews()}
        missing = {round(a, 3) for a in acknowledged} - found
        print(
            f"crash loop: {KILLS} kills in {elapsed:.1f} s, {len(acknowledged)} reviews "
            f"acknowledged, {len(found)} found, {len(missing)} missing"
        )
        assert not missing
        assert len(acknowledged) > KILLS  # the kills really landed mid-stream
        # The card cache and the log were written in the same transactions: they agree.
        service = StudyService(load_library(), store)
        cached = service.cards()
        rebuilt = scheduler.replay(store.reviews())
        assert {k: v.to_dict() for k, v in cached.items()} == {
            k: v.to_dict() for k, v in rebuilt.items()
        }
