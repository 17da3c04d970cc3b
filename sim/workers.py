"""Worker processes that end when the process that started them is killed.

A pool worker waits for its next task on a pipe whose writing end it holds itself, so after
``kill -9`` of its parent it would wait forever. Every worker we start runs this check.
"""

from __future__ import annotations

import os
import threading
import time


def exit_with_parent(parent: int, interval: float = 0.5) -> None:
    """Pool initializer (``initargs=(os.getpid(),)``): a daemon thread ends this worker once
    ``parent`` is gone. The pid comes from the parent because it may die while this worker
    is still importing, before the initializer runs."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(interval)
        os._exit(1)  # re-parented: the parent died

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()
