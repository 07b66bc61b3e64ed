"""What a long operation tells its caller: the stage it has reached, as a short phrase ("validating against the SHACL shapes").

The command line shows it in a spinner; a test or a notebook passes nothing.
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[str], None]
"""Told the stage a long operation is at."""
