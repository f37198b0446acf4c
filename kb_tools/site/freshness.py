"""Freshness of the published answers per service, and its chart.

The counts are "as of" the build date; on each answer page the banner script
computes the same thing from the browser's date and is the source of truth.
The chart is an inline SVG (``role="img"`` with ``<title>`` and ``<desc>``)
always accompanied by a data table, so it reads without sight or colour.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kb_tools.config import Config
from kb_tools.model import Answer
from kb_tools.site.page_text import attr, md_escape

# Fill colours: each reaches 3:1 against white (WCAG 1.4.11, non-text contrast).
COLOURS = {"expired": "#c62828", "soon": "#a15c00", "valid": "#2e7d32"}
LABELS = {"expired": "Expirées", "soon": "À revoir bientôt", "valid": "À jour"}
KINDS = ("expired", "soon", "valid")


@dataclass(frozen=True)
class Counts:
    key: str
    label: str
    expired: int = 0
    soon: int = 0
    valid: int = 0

    @property
    def total(self) -> int:
        return self.expired + self.soon + self.valid

    def get(self, kind: str) -> int:
        return int(getattr(self, kind))


def state(answer: Answer, today: dt.date, expiring_days: int) -> str:
    """``expired``, ``soon`` (within ``expiring_days``) or ``valid``."""
    if answer.expired(today):
        return "expired"
    if answer.expires_within(today, expiring_days):
        return "soon"
    return "valid"


def counts_by_service(answers: list[Answer], config: Config, today: dt.date) -> list[Counts]:
    """One row per declared service (in kb.yml order), live answers only."""
    tally: dict[str, dict[str, int]] = {key: dict.fromkeys(KINDS, 0) for key in config.services}
    for answer in answers:
        if answer.status != "published" or answer.service not in tally or answer.valid_until is None:
            continue
        tally[answer.service][state(answer, today, config.expiring_days)] += 1
    return [Counts(key, config.services[key].label, **tally[key]) for key in config.services]


def totals(rows: list[Counts]) -> Counts:
    return Counts("total", "Total", *(sum(r.get(k) for r in rows) for k in KINDS))


def chart_svg(rows: list[Counts], today: dt.date, chart_id: str = "kb-fraicheur") -> str:
    """Horizontal stacked bars, one per service, as one line of inline SVG.

    Wrapped in a ``<figure>`` so Markdown passes it through untouched.
    """
    rows = [r for r in rows if r.total]
    label_width, bar_width, row_height, top = 220, 420, 26, 34
    width = label_width + bar_width + 60
    height = top + row_height * max(len(rows), 1) + 8
    scale = max((r.total for r in rows), default=1)
    all_rows = totals(rows)
    title = f"Fraîcheur des réponses par service au {today.strftime('%d/%m/%Y')}"
    desc = (
        f"{all_rows.total} réponses publiées : {all_rows.expired} expirées, "
        f"{all_rows.soon} à revoir bientôt, {all_rows.valid} à jour. "
        + " ; ".join(f"{r.label} : {r.expired} expirées, {r.soon} à revoir, {r.valid} à jour" for r in rows)
        + "."
    )
    parts = [
        f'<svg class="kb-chart__svg" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{attr(title)}</title>',
        f'<desc id="{chart_id}-desc">{attr(desc)}</desc>',
    ]
    x: float = label_width
    for kind in KINDS:  # legend
        parts.append(f'<rect x="{x}" y="6" width="14" height="14" fill="{COLOURS[kind]}"/>')
        parts.append(f'<text x="{x + 20}" y="18" class="kb-chart__legend">{attr(LABELS[kind])}</text>')
        x += 20 + 9 * len(LABELS[kind]) + 16
    for i, row in enumerate(rows):
        y = top + i * row_height
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 16}" text-anchor="end" class="kb-chart__label">{attr(row.label)}</text>'
        )
        x = float(label_width)
        for kind in KINDS:
            value = row.get(kind)
            if not value:
                continue
            w = bar_width * value / scale
            parts.append(
                f'<rect x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="{row_height - 8}" fill="{COLOURS[kind]}"/>'
            )
            x += w
        parts.append(f'<text x="{x + 6:.1f}" y="{y + 16}" class="kb-chart__total">{row.total}</text>')
    parts.append("</svg>")
    return f'<figure class="kb-chart">{"".join(parts)}</figure>'


def table_markdown(rows: list[Counts], links: dict[str, str] | None = None) -> str:
    """The chart's data as a Markdown table (with a total row)."""
    links = links or {}
    lines = [
        "| Service | Expirées | À revoir bientôt | À jour | Total |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        label = md_escape(row.label)
        name = f"[{label}]({links[row.key]})" if row.key in links else label
        lines.append(f"| {name} | {row.expired} | {row.soon} | {row.valid} | {row.total} |")
    total = totals(rows)
    lines.append(f"| **Total** | **{total.expired}** | **{total.soon}** | **{total.valid}** | **{total.total}** |")
    return "\n".join(lines)
