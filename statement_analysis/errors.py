"""The one exception family for everything a user can cause.

Every error names the file (or says the input was text passed directly), the place in it where
that helps, what was wrong and what to do. Internal bugs are *not* raised as these.
"""

from __future__ import annotations

from pathlib import Path


class StatementAnalysisError(Exception):
    """Base class: a problem with the input that the user can fix.

    Attributes:
        path: the file or folder concerned, or ``None`` for text passed directly.
    """

    def __init__(self, message: str, *, path: str | Path | None = None) -> None:
        self.path = None if path is None else Path(path)
        where = f"{self.path}: " if self.path is not None else ""
        super().__init__(f"{where}{message}")


class StatementNotFoundError(StatementAnalysisError, FileNotFoundError):
    """The file or folder does not exist."""


class EmptyStatementError(StatementAnalysisError, ValueError):
    """The input holds no text (empty, or only white space), or no statements at all."""


class BinaryFileError(StatementAnalysisError, ValueError):
    """The file is not text (NUL bytes, a PDF, an image, an archive...)."""


class DecodingError(StatementAnalysisError, ValueError):
    """The bytes cannot be decoded with the detected or given encoding."""


class LayoutError(StatementAnalysisError, ValueError):
    """The text looks like a known layout (EEAS export) but a required part is missing."""


class MetadataError(StatementAnalysisError, ValueError):
    """A metadata table or a metadata argument is unusable."""


class InputTypeError(StatementAnalysisError, TypeError):
    """An analysis was given something that is neither a ``Statement`` nor a corpus table."""
