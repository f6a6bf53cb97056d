"""Progress through tqdm when it is installed, silent otherwise."""
from __future__ import annotations

import contextlib


@contextlib.contextmanager
def progress_bar(total, unit, enabled=True):
    """Yields a callable taking the count done so far, or None (no bar)."""
    bar = None
    if enabled:
        try:
            from tqdm.auto import tqdm
        except ImportError:
            tqdm = None
        if tqdm is not None:
            bar = tqdm(total=total, unit=unit, leave=False)
    if bar is None:
        yield None
        return

    def update(done):
        bar.update(done - bar.n)

    try:
        yield update
    finally:
        bar.close()
