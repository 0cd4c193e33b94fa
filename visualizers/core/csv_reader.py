"""The one CSV reader for users' data files (pure Python, no Qt, no NumPy).

A CSV chosen in a file dialog is hostile input (DESIGN.md, principle 9). Every
visualizer's loader goes through this module, so each protection exists once:

- `read_csv_file`: regular files only (a FIFO or a device can't hang or flood the read),
  the size checked on the open file and the read bounded, UTF-8 (a BOM is allowed);
- `iter_rows`: rows streamed one at a time, with the row limit enforced *while reading*
  (a 3-million-row file is refused after the first rows past the limit, in bounded memory),
  every `_csv.Error` (a field over the size limit, an unterminated quote, a NUL byte)
  turned into a `CsvReadError` that names the line;
- `sniff_format`: the delimiter (comma, semicolon, tab) and whether decimals use a comma;
- `parse_number` and `check_magnitude`: one magnitude rule for all loaders, so numbers
  like 1e154 (whose squares overflow) are refused with the column and line named instead
  of surfacing later as NaN probabilities, infinite plot ranges or a "learning rate" error;
- `LoadProgress` and `tracking`: a load run on a worker thread (`visualizers.core.loading`)
  installs a `LoadProgress`; `read_csv_file` then reports bytes read / file size and
  `iter_rows` lines parsed / lines, and both check its cancel flag between chunks and
  raise `LoadCancelled`. Without one (tests, scripts) they cost nothing extra.

Errors are `CsvReadError`, a `ValueError`, so loaders that promise ValueError keep it.
"""

from __future__ import annotations

import csv
import io
import math
import os
import re
import stat
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

MAX_CSV_BYTES = 64 * 1024 * 1024
MAX_FIELD_CHARS = 10_000  # a number or a name; anything longer is not data we can draw
# |x| ≤ 1e6 · 1e6: a million times a large "unit" of a million. Squares (1e24) and sums of
# a million squares stay far from float overflow, and every plot range stays finite.
MAX_MAGNITUDE = 1e12
_SNIFF_CHARS = 4096
_BLANK_LINE = re.compile(r"^[ \t\r]*$", re.M)
READ_SHARE = 0.1  # of a load's progress bar: reading the bytes; the rest is parsing them
_CHUNK_BYTES = 1 << 20
_ROWS_PER_CHECK = 4096  # a few milliseconds of parsing between two looks at the cancel flag


class CsvReadError(ValueError):
    """A CSV that can't be used; the message names the file, the line and what to fix."""


class LoadCancelled(Exception):  # noqa: N818 (an outcome the caller expects, not a fault)
    """The user cancelled the load; the caller keeps its previous data.

    Deliberately not a ValueError, so no parser's `except ValueError` turns it into a
    complaint about the file.
    """


class LoadProgress:
    """Progress and the cancel flag of one load, shared by its worker and the GUI thread."""

    def __init__(self, report: Callable[[float], None] | None = None) -> None:
        self._cancelled = threading.Event()
        self._report = report

    def cancel(self) -> None:
        """Ask the load to stop at its next checkpoint (any thread)."""
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def update(self, fraction: float) -> None:
        """Report `fraction` (0–1) done; raises LoadCancelled once `cancel` was called."""
        if self._cancelled.is_set():
            raise LoadCancelled
        if self._report is not None:
            self._report(min(max(fraction, 0.0), 1.0))


_CURRENT: ContextVar[LoadProgress | None] = ContextVar("csv_load_progress", default=None)


@contextmanager
def tracking(progress: LoadProgress) -> Iterator[LoadProgress]:
    """Within the block (on this thread), readers report to `progress` and obey its cancel."""
    token = _CURRENT.set(progress)
    try:
        yield progress
    finally:
        _CURRENT.reset(token)


def checkpoint(fraction: float) -> None:
    """Report progress to the load being tracked, if any; raises LoadCancelled if cancelled.

    Parsers with their own slow loops (after `iter_rows`) may call it too.
    """
    progress = _CURRENT.get()
    if progress is not None:
        progress.update(fraction)


def _short(text: str, limit: int = 60) -> str:
    return repr(text if len(text) <= limit else text[:limit] + "…")


def read_csv_file(path: str | Path, *, max_bytes: int = MAX_CSV_BYTES) -> str:
    """The text of the regular file `path` (at most `max_bytes`), or CsvReadError saying why."""
    file = Path(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    flags |= getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(file, flags)
    except OSError as exc:
        raise CsvReadError(f"could not read {file.name}: {exc.strerror or exc}") from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise CsvReadError(f"{file.name} is not a regular file (a device, pipe or folder)")
        if info.st_size > max_bytes:
            raise CsvReadError(
                f"{file.name} is {info.st_size / 2**20:.0f} MiB; data files are limited to "
                f"{max_bytes // 2**20} MiB. Use a sample of it."
            )
        chunks: list[bytes] = []
        remaining = max_bytes + 1
        size = max(info.st_size, 1)
        done = 0
        while remaining > 0:
            checkpoint(READ_SHARE * min(done / size, 1.0))
            try:
                chunk = os.read(fd, min(remaining, _CHUNK_BYTES))
            except OSError as exc:
                raise CsvReadError(f"could not read {file.name}: {exc.strerror or exc}") from exc
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
            done += len(chunk)
    finally:
        os.close(fd)
    raw = b"".join(chunks)
    if len(raw) > max_bytes:
        raise CsvReadError(f"{file.name} grew past {max_bytes // 2**20} MiB while being read")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CsvReadError(
            f"{file.name} is not a UTF-8 text file (is it a spreadsheet?); byte {exc.start}"
        ) from exc


def sniff_format(text: str, delimiters: str = ",;\t") -> tuple[str, bool]:
    """(delimiter, decimal comma?) guessed from the start of `text`; comma and '.' by default.

    A semicolon file whose cells look like `1,5` uses the European decimal comma.
    """
    sample = text[:_SNIFF_CHARS]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters).delimiter
    except csv.Error:
        delimiter = ","
    decimal_comma = False
    if delimiter != ",":
        cells = [c.strip() for line in sample.splitlines()[:50] for c in line.split(delimiter)]
        decimal_comma = any(_looks_like_decimal_comma(c) for c in cells)
    return delimiter, decimal_comma


def _looks_like_decimal_comma(cell: str) -> bool:
    whole, comma, fraction = cell.lstrip("+-").partition(",")
    return bool(comma) and whole.isdigit() and fraction.isdigit()


def iter_rows(
    text: str,
    *,
    name: str = "the file",
    max_rows: int,
    delimiter: str = ",",
    skip_comments: bool = False,
) -> Iterator[tuple[int, list[str]]]:
    """(line number, stripped cells) of each non-blank row, streamed; CsvReadError on bad input.

    At most `max_rows` data rows are allowed, plus one more non-blank row that may be a
    header; the limit is enforced as rows arrive.
    """
    allowed = max_rows + 1
    if len(text) > MAX_CSV_BYTES:
        raise CsvReadError(f"{name} is larger than {MAX_CSV_BYTES // 2**20} MiB; use a sample")
    previous_limit = csv.field_size_limit()
    # A quick count first: a file with far more non-blank lines than rows allowed is refused
    # at C speed, before a single row is built (the margin covers comment lines and quoted
    # line breaks).
    total_lines = text.count("\n") + 1
    lines = total_lines
    if lines > allowed + allowed // 10 + 100:
        lines -= _count_blank_lines(text)  # only when it matters: it is the slow count
    if lines > allowed + allowed // 10 + 100:
        raise CsvReadError(
            f"{name} has {lines:,} lines; this visualizer takes up to {max_rows:,} rows. "
            "Use a sample of the file."
        )
    reader = csv.reader(_lines(text), delimiter=delimiter, strict=True)
    count = seen = 0
    tracked = _CURRENT.get() is not None
    try:
        csv.field_size_limit(MAX_FIELD_CHARS)
        while True:
            if tracked and seen % _ROWS_PER_CHECK == 0:
                done = min(reader.line_num / total_lines, 1.0)
                checkpoint(READ_SHARE + (1.0 - READ_SHARE) * done)
            seen += 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise CsvReadError(_csv_problem(name, reader.line_num, str(exc))) from None
            cells = [cell.strip() for cell in row]
            if not any(cells):
                continue
            if skip_comments and cells[0].startswith("#"):
                continue
            count += 1
            if count > allowed:
                raise CsvReadError(
                    f"{name} has more than {max_rows:,} rows; this visualizer takes up to "
                    f"{max_rows:,}. Use a sample of the file."
                )
            # The limit is restored while the caller works on the row (it is process-wide).
            csv.field_size_limit(previous_limit)
            yield reader.line_num, cells
            csv.field_size_limit(MAX_FIELD_CHARS)
    finally:
        csv.field_size_limit(previous_limit)


def _lines(text: str) -> Iterator[str]:
    """The lines of `text` (leading BOMs skipped), as `io.StringIO(text)` would give them.

    One StringIO over 20 MB copies the whole text while holding the GIL (the GUI thread
    froze ~0.1 s at the start of a worker's parse); a StringIO per slice keeps each copy
    short. Slices end just after a line break, so no line is cut.
    """
    start, size = 0, len(text)
    while text.startswith("\ufeff", start):
        start += 1
    while start < size:
        end = text.find("\n", min(start + _CHUNK_BYTES, size))
        end = size if end < 0 else end + 1
        yield from io.StringIO(text[start:end])
        start = end


def _count_blank_lines(text: str) -> int:
    """Blank lines of `text`, counted a slice at a time.

    A regular expression holds the GIL for its whole run (0.14 s over 20 MB), which would
    freeze the GUI thread while a worker loads; slices cut at line ends keep each hold short.
    """
    blank, start, size = 0, 0, len(text)
    while True:
        end = text.find("\n", min(start + _CHUNK_BYTES, size))
        end = size if end < 0 else end  # each slice stops just before a line break
        blank += len(_BLANK_LINE.findall(text, start, end))
        if end >= size:
            return blank
        start = end + 1
        checkpoint(0.0)


def _csv_problem(name: str, line: int, problem: str) -> str:
    if "field larger than field limit" in problem:
        return (
            f"{name}, line {line}: a cell is longer than {MAX_FIELD_CHARS:,} characters; "
            "is a quote left open?"
        )
    if "unexpected end of data" in problem or "EOF" in problem:
        return f'{name}, line {line}: a quoted cell is never closed (a missing ")'
    if "NUL" in problem or "\\x00" in problem:
        return f"{name}, line {line}: contains a NUL byte; is this really a text file?"
    if "expected after" in problem:
        return f'{name}, line {line}: a quote inside a quoted cell must be doubled ("")'
    return f"{name}, line {line}: not readable as CSV ({problem[:100]})"


def parse_number(cell: str, *, decimal_comma: bool = False) -> float | None:
    """`cell` as a float (NaN and ±inf included), or None when it is not a number."""
    if len(cell) > 64:
        return None
    if decimal_comma:
        cell = cell.replace(",", ".")
    try:
        return float(cell)
    except ValueError:
        return None


def check_magnitude(value: float, *, name: str, line: int, column: str) -> None:
    """The one magnitude rule: |value| ≤ MAX_MAGNITUDE, else CsvReadError naming the cell."""
    if math.isfinite(value) and abs(value) > MAX_MAGNITUDE:
        raise CsvReadError(
            f"{name}, line {line}, column “{column[:40]}”: {value:.3g} is too large; values "
            f"must lie within ±{MAX_MAGNITUDE:.0e}. Rescale the column (e.g. to thousands)."
        )
