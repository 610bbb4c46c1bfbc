"""A task for the worker tests: it records each start in a file and, on its
first start only, waits long enough to be killed mid-task."""

import os
import time
from pathlib import Path

from django_tasks import task


@task()
def record_starts(marker: str, first_wait: float = 60.0) -> str:
    path = Path(marker)
    with path.open("a") as handle:
        handle.write(f"{os.getpid()}\n")
    starts = path.read_text().split()
    if len(starts) == 1:
        time.sleep(first_wait)
    return f"finished at start {len(starts)}"
