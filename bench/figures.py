"""The targets of `bench/run` (issue 15, SPEC "Quality bars"), and the table that reports them.

Pure: figures in, text out. Each measured :class:`Figure` names its :class:`Target`, the reference
measured beside it in the same run, and the ratio to that reference; :func:`evaluate` decides met
or not, :func:`table` prints the one table (plain text or Markdown). tests/test_bench_run.py runs
this on made-up figures so that it cannot rot.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Target:
    """One bar: ``measured <= limit`` (kind "max") or ``measured >= limit`` (kind "min")."""

    key: str
    label: str
    limit: float
    kind: str
    unit: str

    def text(self) -> str:
        limit = number(self.limit, self.unit, exact=float(self.limit).is_integer())
        return f"{'≤' if self.kind == 'max' else '≥'} {limit}"

    def holds(self, value: float) -> bool:
        return value <= self.limit if self.kind == "max" else value >= self.limit


TARGETS = [
    Target("job_s", "whole job on the bench show (site, feeds, calendars, brochures)", 45, "max", "s"),
    Target("job_vs_baseline", "whole job against MkDocs + mkdocs-static-i18n (same Markdown)", 15, "min", "×"),
    Target("site_s", "site alone (`--no-brochures`)", 25, "max", "s"),
    Target("job_mib", "peak memory of the whole job, all processes together", 1024, "max", "MiB"),
    Target("edit_news_s", "rebuild after one news edit (`serve`)", 1, "max", "s"),
    Target("edit_exhibitor_s", "rebuild after one exhibitor edit (`serve`)", 1, "max", "s"),
    Target("unchanged_s", "unchanged rebuild (`showpress build` again, nothing edited)", 3, "max", "s"),
    Target("mailing_s", "1,000 personalised mailings (per-client font subsets)", 15, "max", "s"),
    Target("mailing_vs_whole", "mailings against rendering each whole", 100, "min", "×"),
    Target("collector_rate", "collector, SQLite, durable answers", 3000, "min", "/s"),
    Target("collector_p99", "collector p99 latency", 25, "max", "ms"),
    Target("collector_vs_bare", "collector against a bare endpoint of the same stack", 50, "min", "%"),
    Target("directory_kb", "exhibitor directory, bytes transferred compressed (cold)", 1000, "max", "KB"),
    Target("exhibitor_page_kb", "heaviest exhibitor page, bytes transferred compressed (cold)", 300, "max", "KB"),
]
BY_KEY = {target.key: target for target in TARGETS}


@dataclass
class Figure:
    """One measurement against its target, with the reference measured in the same run."""

    key: str
    value: float | None
    """None: not measured (the step failed or was skipped; ``note`` says why)."""
    scale: str = ""
    reference: str = ""
    ratio: str = ""
    note: str = ""

    @property
    def target(self) -> Target:
        return BY_KEY[self.key]


@dataclass
class Row:
    """A figure after evaluation: ``met`` is None when nothing was measured."""

    figure: Figure
    met: bool | None
    profile: list[str] = field(default_factory=list)
    """Hot spots and the sentence of what would close it (for a target not met)."""


def number(value: float, unit: str, *, exact: bool = False) -> str:
    """``12.3 s``, ``15×``, ``3,120/s``, ``87 %``, ``1,024 MiB``: digits by size (none when ``exact``),
    unit attached as read."""
    if unit in ("×", "%"):
        digits = 1 if abs(value) < 10 and not exact else 0
        return f"{value:,.{digits}f}{'×' if unit == '×' else ' %'}"
    digits = 0 if exact else 2 if abs(value) < 10 else 1 if abs(value) < 100 else 0
    return f"{value:,.{digits}f}{unit}" if unit == "/s" else f"{value:,.{digits}f} {unit}"


def evaluate(figures: list[Figure]) -> list[Row]:
    """Rows in the order of TARGETS (figures of unknown targets are refused)."""
    unknown = [f.key for f in figures if f.key not in BY_KEY]
    if unknown:
        raise ValueError(f"no target named {', '.join(unknown)} (known: {', '.join(BY_KEY)})")
    order = {target.key: i for i, target in enumerate(TARGETS)}
    rows = [Row(f, None if f.value is None else f.target.holds(f.value)) for f in figures]
    return sorted(rows, key=lambda row: order[row.figure.key])


def verdict(row: Row) -> str:
    return {True: "met", False: "NOT MET", None: "not measured"}[row.met]


COLUMNS = ("figure", "scale", "measured", "target", "reference (same run)", "ratio", "met")


def cells(row: Row) -> tuple[str, ...]:
    f = row.figure
    measured = "–" if f.value is None else number(f.value, f.target.unit)
    return (f.target.label, f.scale, measured, f.target.text(), f.reference, f.ratio, verdict(row))


def table(rows: list[Row], *, markdown: bool = False) -> str:
    """The one table: a Markdown table, or aligned plain text for the terminal."""
    lines = [cells(row) for row in rows]
    if markdown:
        out = ["| " + " | ".join(COLUMNS) + " |", "|---|---|---:|---:|---|---|---|"]
        out += ["| " + " | ".join(c.replace("|", "\\|") or "–" for c in line) + " |" for line in lines]
        return "\n".join(out)
    widths = [max(len(c) for c in column) for column in zip(COLUMNS, *lines, strict=False)]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip()
                     for line in [COLUMNS, tuple("-" * w for w in widths), *lines])


def summary(rows: list[Row]) -> str:
    met = sum(1 for row in rows if row.met)
    missed = [row.figure.key for row in rows if row.met is False]
    unmeasured = [row.figure.key for row in rows if row.met is None]
    text = f"{met} of {len(rows)} targets met"
    if missed:
        text += f"; not met: {', '.join(missed)}"
    if unmeasured:
        text += f"; not measured: {', '.join(unmeasured)}"
    return text


def notes(rows: list[Row], *, markdown: bool = False) -> str:
    """Each figure's note, then the profile of each target not met."""
    out: list[str] = []
    for row in rows:
        if row.figure.note:
            out.append(f"- **{row.figure.key}**: {row.figure.note}" if markdown
                       else f"  {row.figure.key}: {row.figure.note}")
    for row in rows:
        if row.met is False and row.profile:
            out.append("")
            out.append(f"#### Not met: {row.figure.target.label}" if markdown
                       else f"NOT MET {row.figure.key} — where the time goes:")
            out.append("")
            body = "\n".join(row.profile)
            out.append(f"```text\n{body}\n```" if markdown else "\n".join("  " + line for line in row.profile))
    return "\n".join(out)


BEGIN = "<!-- bench/run: begin (written by `bench/run --write-markdown`; edit the runner, not this part) -->"
END = "<!-- bench/run: end -->"


def splice(document: str, section: str) -> str:
    """``document`` with the runner's section replaced (or inserted after the first paragraph)."""
    block = f"{BEGIN}\n{section.strip()}\n{END}"
    if BEGIN in document and END in document:
        head, rest = document.split(BEGIN, 1)
        return head + block + rest.split(END, 1)[1]
    first_heading = document.find("\n## ")
    if first_heading < 0:
        return document.rstrip() + "\n\n" + block + "\n"
    return document[:first_heading] + "\n" + block + "\n" + document[first_heading:]
