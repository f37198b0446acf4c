"""Freshness counts and the accessible SVG chart."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from kb_tools.site import freshness
from kb_tools.site.context import SiteContext

SVG = "{http://www.w3.org/2000/svg}"


def test_state_follows_the_dates(sample_ctx: SiteContext) -> None:
    today = dt.date(2026, 11, 20)
    states = {a.id: freshness.state(a, today, 30) for a in sample_ctx.live}
    assert states["acte-de-deces"] == "expired"
    assert states["livret-de-famille"] == "soon"  # 2026-12-01
    assert states["acte-de-naissance"] == "valid"
    assert freshness.state(sample_ctx.by_id["livret-de-famille"], dt.date(2026, 12, 1), 30) == "soon"
    assert freshness.state(sample_ctx.by_id["livret-de-famille"], dt.date(2026, 12, 2), 30) == "expired"


def test_counts_by_service_skip_archived_answers(sample_ctx: SiteContext) -> None:
    rows = freshness.counts_by_service(sample_ctx.answers, sample_ctx.config, sample_ctx.today)
    assert [(r.key, r.expired, r.soon, r.valid) for r in rows] == [("etat-civil", 1, 1, 1), ("identite", 0, 0, 3)]
    assert freshness.totals(rows).total == 6


def test_chart_is_an_image_with_a_text_alternative(sample_ctx: SiteContext) -> None:
    rows = freshness.counts_by_service(sample_ctx.answers, sample_ctx.config, sample_ctx.today)
    html = freshness.chart_svg(rows, sample_ctx.today)
    figure = ET.fromstring(html)  # well-formed
    svg = figure.find(f"{SVG}svg")
    assert figure.tag == "figure" and svg is not None
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "kb-fraicheur-title kb-fraicheur-desc"
    title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
    assert title is not None and title.text == "Fraîcheur des réponses par service au 20/11/2026"
    assert desc is not None and desc.text is not None
    assert desc.text.startswith("6 réponses publiées : 1 expirées, 1 à revoir bientôt, 4 à jour.")
    assert "État civil : 1 expirées, 1 à revoir, 1 à jour" in desc.text
    assert len(svg.findall(f"{SVG}rect")) == 3 + 4  # legend + bars (etat-civil: 3 parts, identite: 1)


def test_table(sample_ctx: SiteContext) -> None:
    rows = freshness.counts_by_service(sample_ctx.answers, sample_ctx.config, sample_ctx.today)
    table = freshness.table_markdown(rows, {"identite": "services/identite.md"})
    assert table.splitlines() == [
        "| Service | Expirées | À revoir bientôt | À jour | Total |",
        "| --- | ---: | ---: | ---: | ---: |",
        "| État civil | 1 | 1 | 1 | 3 |",
        "| [Identité et titres](services/identite.md) | 0 | 0 | 3 | 3 |",
        "| **Total** | **1** | **1** | **4** | **6** |",
    ]
