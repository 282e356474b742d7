"""A seeded fuzzer for the ingest: mutated reports, minutes, council documents and pages, each case checked.

Used by ``test_fuzz.py`` (a few hundred cases) and ``bench/fuzz.py`` (as many
as asked, with figures).  A case is a document kind, a seed document and
one to three mutations chosen by a seeded generator, so case N of seed S is
the same file on every machine.  Each case runs the ingest's own per-file
step (``pipeline.ingest.process_file``'s work, read, parse, extract, build,
check) in the ingest's own worker pool, so a case that hangs or crashes its
process is caught like a file of a real batch; every outcome must be:

- ``ok``: read and turned into quads, or skipped with a reason;
- ``refused``: an ``InputError`` of one line;

never ``bug`` (any other exception: a traceback a user would see),
``timeout`` or ``died``.

Document kinds are a table (``KINDS``): a kind names its file suffix, where
its seeds come from and how to mutate them: reports as text and PDF,
minutes, council documents (minutes, decision records, news) and saved
HTML pages, whose mutations also nest elements past the reader's limit.
"""

from __future__ import annotations

import os
import random
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pdfmaker import report_pdf

FIXTURES = Path(__file__).resolve().parent / "fixtures"
REAL_PDFS = Path(
    os.environ.get("CSKG_OFSTED_REPORTS") or Path(__file__).resolve().parents[2] / "shared" / "ofsted-reports"
)
# Characters a hostile or broken document holds: controls, escapes, bidirectional overrides, zero-width,
# byte-order marks, form feeds, combining marks, other scripts, and the markup of every format we write.
HOSTILE = (
    "\x00\x01\x07\x08\x0b\x0c\x0d\x1b\x7f\x85\x9b\u200b\u200c\u200d\u200e\u202e\u2066\ufeff\ufffe\ufffd"
    "\u0301\u0336\u05d0\u0627\u4e2d\U0001f600<>&\"'`{}[]()\\#%$^|~;:@=+-*/.,!?§¶•◼"
)
CASE_BUDGET_S = 30.0  # a case past this is a hang: the real per-file budget is 60 s, no real report takes 1 s


@dataclass
class Kind:
    suffix: str
    seeds: Callable[[], list[bytes]]
    mutate: Callable[[random.Random, bytes, list[bytes]], bytes]


def text_seeds() -> list[bytes]:
    return [p.read_bytes() for p in sorted((FIXTURES / "reports").glob("*.txt"))]


def minutes_seeds() -> list[bytes]:
    return [p.read_bytes() for p in sorted((FIXTURES / "minutes").glob("*.txt"))]


def council_seeds() -> list[bytes]:
    """Every third labelled council document (minutes, decision records, news) of the accountability set."""
    return [p.read_bytes() for p in sorted((FIXTURES / "accountability").glob("*/*.txt"))[::3]]


def html_seeds() -> list[bytes]:
    return [p.read_bytes() for p in sorted((FIXTURES / "pages").glob("*.html"))]


def pdf_seeds() -> list[bytes]:
    """PDFs made of the report fixtures, and up to four real reports when ../shared is there."""
    made = [report_pdf(p.read_text(encoding="utf-8")) for p in sorted((FIXTURES / "reports").glob("*.txt"))[:4]]
    real = sorted(REAL_PDFS.rglob("*.pdf"))[::100][:4] if REAL_PDFS.is_dir() else []
    return made + [p.read_bytes() for p in real]


# ---------------------------------------------------------------- mutations


def _truncate(rng: random.Random, data: bytes, others: list[bytes]) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def _flip(rng: random.Random, data: bytes, others: list[bytes]) -> bytes:
    out = bytearray(data)
    for _ in range(rng.choice((1, 1, 3, 20, 200))):
        if out:
            out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    return bytes(out)


def _splice(rng: random.Random, data: bytes, others: list[bytes]) -> bytes:
    """The head of this document on the tail of another (spliced pages, for a PDF)."""
    other = rng.choice(others)
    return data[: rng.randrange(len(data) + 1)] + other[rng.randrange(len(other) + 1) :]


def _insert_block(rng: random.Random, data: bytes, others: list[bytes]) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + bytes(rng.randrange(256) for _ in range(rng.choice((1, 16, 512)))) + data[at:]


def _duplicate(rng: random.Random, data: bytes, others: list[bytes]) -> bytes:
    a = rng.randrange(len(data) + 1)
    b = min(len(data), a + rng.choice((10, 1000, 20000)))
    return data[:b] + data[a:b] * rng.choice((2, 10)) + data[b:]


def _unicode(rng: random.Random, text: str) -> str:
    for _ in range(rng.choice((1, 5, 50, 500))):
        at = rng.randrange(len(text) + 1)
        text = text[:at] + "".join(rng.choice(HOSTILE) for _ in range(rng.randrange(1, 6))) + text[at:]
    return text


def _long_run(rng: random.Random, text: str) -> str:
    """A long word or a long line (inside and outside the limits)."""
    at = rng.randrange(len(text) + 1)
    size = rng.choice((200, 5_000, 20_000, 150_000))
    run = rng.choice("aZ9.-") * size if rng.random() < 0.5 else " ".join(["Team"] * (size // 5))
    return text[:at] + run + text[at:]


def _lines(rng: random.Random, text: str) -> str:
    """Lines shuffled, dropped, joined or numbered afresh: a report's structure broken."""
    lines = text.split("\n")
    how = rng.randrange(4)
    if how == 0:
        a = rng.randrange(len(lines))
        block = lines[a : a + rng.randrange(1, 40)]
        rng.shuffle(block)
        lines[a : a + len(block)] = block
    elif how == 1:
        lines = [ln for ln in lines if rng.random() > 0.3]
    elif how == 2:
        return text.replace("\n", " ", rng.randrange(len(lines)))
    else:
        lines = [f"{rng.randrange(1, 999)}. {ln}" if rng.random() < 0.2 else ln for ln in lines]
    return "\n".join(lines)


def mutate_text(rng: random.Random, data: bytes, others: list[bytes]) -> bytes:
    """One to three mutations of a text, mostly kept valid UTF-8 so the parser is reached."""
    for _ in range(rng.randint(1, 3)):
        step = rng.randrange(8)
        if step < 4:
            text = data.decode("utf-8", "replace")
            text = (_unicode, _long_run, _lines, _lines)[step](rng, text)
            data = text.encode("utf-8", "surrogatepass")
        else:
            data = (_truncate, _flip, _splice, _duplicate)[step - 4](rng, data, others)
    return data


def _nest(rng: random.Random, data: bytes, others: list[bytes]) -> bytes:
    """Elements nested inside one another (within and past the HTML reader's limit), some left open."""
    depth = rng.choice((20, 150, 250, 5_000))
    tag = rng.choice((b"div", b"span", b"li", b"table", b"p"))
    closed = rng.random() < 0.5
    at = rng.randrange(len(data) + 1)
    run = b"<" + tag + b">x"
    return data[:at] + run * depth + (b"</" + tag + b">") * (depth if closed else 0) + data[at:]


def mutate_html(rng: random.Random, data: bytes, others: list[bytes]) -> bytes:
    if rng.random() < 0.3:
        data = _nest(rng, data, others)
    return mutate_text(rng, data, others)


def mutate_pdf(rng: random.Random, data: bytes, others: list[bytes]) -> bytes:
    for _ in range(rng.randint(1, 3)):
        data = rng.choice((_truncate, _flip, _flip, _splice, _insert_block, _duplicate))(rng, data, others)
    return data


KINDS: dict[str, Kind] = {
    "report-text": Kind(".txt", text_seeds, mutate_text),
    "report-pdf": Kind(".pdf", pdf_seeds, mutate_pdf),
    "minutes-text": Kind(".txt", minutes_seeds, mutate_text),
    "council-text": Kind(".txt", council_seeds, mutate_text),
    "html-page": Kind(".html", html_seeds, mutate_html),
}


def make_cases(count: int, folder: Path, seed: int = 17, kinds: list[str] | None = None) -> list[tuple[str, str]]:
    """Write ``count`` cases into ``folder``: (path, kind) each, kinds in turn."""
    names = kinds or list(KINDS)
    seeds = {name: KINDS[name].seeds() for name in names}
    folder.mkdir(parents=True, exist_ok=True)
    cases = []
    for n in range(count):
        name = names[n % len(names)]
        rng = random.Random(f"{seed}-{n}")
        pool = seeds[name]
        data = KINDS[name].mutate(rng, rng.choice(pool), pool)
        path = folder / f"case-{n:05d}-{name}{KINDS[name].suffix}"
        path.write_bytes(data)
        cases.append((str(path), name))
    return cases


# ---------------------------------------------------------------- running


def run_case(path: str, kind: str) -> tuple[str, str, str, float]:
    """(path, outcome, message, seconds) of one case, in a worker of ``run_cases``."""
    from cskg.errors import InputError
    from cskg.pipeline import ingest

    started = time.perf_counter()
    result = ingest.FileResult(path=path, digest="")
    try:
        ingest._process(Path(path), result)
        outcome, message = "ok", result.skip or ""
    except InputError as exc:
        outcome, message = "refused", str(exc)
        if "\n" in message.strip():
            outcome = "bug"
    except Exception as exc:
        outcome = "bug"
        message = f"{type(exc).__name__}: {exc} | " + " <- ".join(
            f"{Path(f.filename).name}:{f.lineno}" for f in reversed(traceback.extract_tb(exc.__traceback__)[-4:])
        )
    return path, outcome, message, time.perf_counter() - started


def run_cases(cases: list[tuple[str, str]], jobs: int = 2, budget_s: float = CASE_BUDGET_S) -> list[tuple]:
    """Every case's (path, outcome, message, seconds), through the ingest's own worker pool."""
    from cskg.pipeline.ingest import _init_worker
    from cskg.pipeline.workers import Failure, WorkerPool
    from cskg.sources.files import default_register

    pool = WorkerPool(jobs, run_case, budget_s, initializer=_init_worker, initargs=(str(default_register()), {}))
    out = []
    for result in pool.run(cases):
        if isinstance(result, Failure):
            outcome = "timeout" if "took longer" in result.reason else "died"
            out.append((result.task[0], outcome, result.reason, budget_s))
        else:
            out.append(result)
    return out
