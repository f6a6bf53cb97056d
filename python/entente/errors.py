"""entente.ScenarioError: every problem the loader found, each with its place."""
from __future__ import annotations

from typing import List, NamedTuple


class Diagnostic(NamedTuple):
    """One input problem: ``file:line:column: error: message``."""

    file: str
    line: int  # 1-based; 0 when unknown
    column: int  # 1-based; 0 when unknown
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: error: {self.message}"


class ScenarioError(ValueError):
    """Bad input in a scenario file, an overlay or a ``set=`` override.

    ``diagnostics`` holds every problem found (the loader collects all of a
    file's problems before it stops); ``file``, ``line``, ``column`` and
    ``message`` are those of the first. ``str(e)`` is the CLI's message, one
    ``file:line:column: error: message`` per line.
    """

    def __init__(self, diagnostics):
        self.diagnostics: List[Diagnostic] = [Diagnostic(*d) for d in diagnostics]
        first = self.diagnostics[0] if self.diagnostics else Diagnostic("", 0, 0, "")
        self.file, self.line, self.column, self.message = first
        super().__init__("\n".join(str(d) for d in self.diagnostics))
