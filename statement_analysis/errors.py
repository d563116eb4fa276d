"""The one exception family for everything a user can cause.

Every error names the file (or says the input was text passed directly), the place in it where
that helps, what was wrong and what to do. Internal bugs are *not* raised as these: the command
line reports a ``StatementAnalysisError`` as the user's problem (exit 2) and anything else as a
bug (exit 1).

The family::

    StatementAnalysisError
    ├── StatementNotFoundError, UnreadableFileError, FileTooLargeError, EmptyStatementError,
    │   BinaryFileError, DecodingError, LayoutError, MetadataError
    │                                       problems with a file or its metadata
    ├── UnsafePathError                     a path that leads outside the folder it must stay in
    ├── InputTypeError                      an analysis was given something it cannot read
    ├── OptionError                         an option has an unusable value or type
    │   ├── ReadabilityError, TermsError, PlacesError, CompareError, PipelineError, PlotError
    ├── DictionaryError                     a theme dictionary is malformed
    └── ReportError                         a report could not be built
        └── OutputFolderError               the output folder is unusable
            └── ReportBusyError             another build is writing that report now

``OptionError`` is also a ``ValueError`` and a ``TypeError``, so code written against the plain
Python exceptions keeps working.
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


class UnreadableFileError(StatementAnalysisError, OSError):
    """The file exists but cannot be read as a statement: permission denied, a symbolic link
    loop, or not a regular file (a named pipe, a device such as ``/dev/zero``, a socket)."""


class FileTooLargeError(StatementAnalysisError, ValueError):
    """The file is over the size limit given (``--max-mb`` on the command line)."""


class UnsafePathError(StatementAnalysisError, ValueError):
    """A path leads outside the folder it must stay in (a corpus member named ``/etc/passwd`` or
    ``../x`` in ``metadata.csv``, or a symbolic link pointing out of the corpus folder)."""


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


class OptionError(StatementAnalysisError, ValueError, TypeError):
    """An option has a value (or a type) the function cannot use. The message names the option,
    the value given and the values allowed."""


class ReadabilityError(OptionError):
    """A readability option is unusable (unknown ``by``, formula or band scale)."""


class TermsError(OptionError):
    """A term analysis was asked something it cannot do (bad option, empty target or reference)."""


class PlacesError(OptionError):
    """A place analysis was asked something it cannot do (unknown level, kind or role)."""


class CompareError(OptionError):
    """A comparison cannot be made as asked (unknown option, no dates, identical documents)."""


class PipelineError(OptionError):
    """The corpus given to the pipeline cannot be analysed (missing columns, bad options)."""


class PlotError(OptionError):
    """A chart was given a table or an option it cannot draw."""


class DictionaryError(StatementAnalysisError, ValueError):
    """A theme dictionary is malformed; the message names the file, the line or key, and the problem."""


class ReportError(StatementAnalysisError):
    """A report could not be built because of its input or its output folder. (A notebook that
    fails on an input it accepted is a bug, not this: ``reports.NotebookFailure``.)"""


class OutputFolderError(ReportError):
    """The output folder cannot take the report: it is a file, it is not writable, or it holds
    files that are not part of a report (which a rebuild would remove)."""


class ReportBusyError(OutputFolderError):
    """Another build, still running, is writing the same report folder."""
