"""The exceptions borderlens raises: one root, each also a matching builtin.

An unresolved place name is a value, not an exception; exceptions are for input
that cannot be read and data that is broken.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["BorderlensError", "GazetteerError", "InputError", "SettingsError"]


class BorderlensError(Exception):
    """Root of every error borderlens raises on purpose."""


class InputError(BorderlensError, ValueError):
    """An input file or record cannot be used; names the file and the line."""

    def __init__(
        self, message: str, *, path: str | Path | None = None, line: int | None = None, unit: str = "line"
    ) -> None:
        self.path = None if path is None else str(path)
        self.line = line
        self.unit = unit  # what ``line`` counts: "line" in text files, "feature" in GeoJSON
        where = ""
        if self.path is not None:
            where = f"cannot read {self.path!r}" + (f" {unit} {line}" if line is not None else "") + ": "
        super().__init__(where + message)
        self.reason = message


class GazetteerError(BorderlensError, RuntimeError):
    """The gazetteer data is missing or broken (a packaging fault, not bad input)."""


class SettingsError(BorderlensError, ValueError):
    """A setting is missing or out of range (say, online geocoding without a user agent)."""
