"""Placeholders on the site with places declared (kb_tools/site/places.py):
spans the browser fills from the chosen place, the data script, the sanitizer."""

from __future__ import annotations

import json
from pathlib import Path

import markdown
import pytest

from kb_tools.config import Config, load_config
from kb_tools.site import places
from kb_tools.site.sanitize import sanitize_html

KB_YML = """\
services:
  etat-civil: {label: "État civil", owner: "@test/etat-civil"}
tags:
  acte: {label: Acte}
local:
  mairie:
    horaires: "de 9 h à 17 h"
    site: "https://www.exempleville.example"
places:
  mairie:
    label: "Hôtel de ville"
  bus:
    label: "France Services itinérant — permanence de Trifouillis"
    schedule: "2e et 4e mardis"
    local:
      mairie:
        horaires: "le mardi de 9 h à 12 h"
        site: "https://www.trifouillis.example"
      bus:
        arret: "place de l'Église"
"""


@pytest.fixture
def config(tmp_path: Path) -> Config:
    (tmp_path / "kb.yml").write_text(KB_YML, encoding="utf-8")
    cfg = load_config(tmp_path)
    assert cfg.defects == []
    return cfg


def test_prose_placeholder_becomes_a_span_with_the_default(config):
    assert places.fill("Ouvert {{ mairie.horaires }}.", config) == (
        'Ouvert <span class="kb-local" data-kb-key="mairie.horaires">de 9 h à 17 h</span>.'
    )


def test_key_of_one_place_only_shows_the_invitation_to_choose(config):
    assert places.fill("{{ bus.arret }}", config) == (
        f'<span class="kb-local" data-kb-key="bus.arret">{places.NO_DEFAULT}</span>'
    )


def test_whole_link_target_gets_the_default_and_data_kb_href(config):
    filled = places.fill("[le site]({{ mairie.site }})", config)
    assert filled == '[le site](https://www.exempleville.example){: data-kb-href="mairie.site" }'
    html = markdown.markdown(filled, extensions=["attr_list"])
    assert sanitize_html(html) == (
        '<p><a data-kb-href="mairie.site" href="https://www.exempleville.example">le site</a></p>'
    )


@pytest.mark.parametrize(
    "body",
    [
        "[x](https://a.example/?q={{ mairie.horaires }})",
        "<{{ mairie.site }}>",
        '<a href="{{ mairie.site }}">x</a>',
        "[ref]: {{ mairie.site }}",
        "Tapez `{{ mairie.site }}`",
    ],
)
def test_where_no_span_can_go_the_default_is_written(body, config):
    assert places.fill(body, config) == body.replace("{{ mairie.site }}", "https://www.exempleville.example").replace(
        "{{ mairie.horaires }}", "de 9 h à 17 h"
    )


def test_fenced_code_and_unknown_placeholders_are_left_as_typed(config):
    body = "```\n{{ mairie.horaires }}\n```\n{{ mairie.inconnu }}"
    assert places.fill(body, config) == body


def test_without_places_nothing_changes(tmp_path):
    (tmp_path / "kb.yml").write_text(KB_YML.split("places:")[0], encoding="utf-8")
    assert places.fill("Ouvert {{ mairie.horaires }}.", load_config(tmp_path)) == "Ouvert de 9 h à 17 h."


def test_span_survives_the_sanitizer(config):
    html = markdown.markdown(places.fill("Ouvert {{ mairie.horaires }}.", config))
    assert sanitize_html(html) == html


def test_data_script_assigns_every_place_used_values(config):
    script = places.data_script(config.local, config.places, ["mairie.horaires", "bus.arret"])
    prefix, suffix = "window.KB_PLACES = ", ";\n"
    assert script.startswith(prefix) and script.endswith(suffix) and script.isascii()
    data = json.loads(script[len(prefix) : -len(suffix)])
    assert data["defaults"] == {"mairie.horaires": "de 9 h à 17 h"}  # only what answers use
    assert [p["key"] for p in data["places"]] == ["mairie", "bus"]
    bus = data["places"][1]
    assert bus["label"] == "France Services itinérant — permanence de Trifouillis"
    assert bus["local"] == {"mairie.horaires": "le mardi de 9 h à 12 h", "bus.arret": "place de l'Église"}


def test_data_script_cannot_close_a_script_element(config):
    config.places["bus"].local["mairie.horaires"] = "</script><script>alert(1)</script>"  # type: ignore[index]
    script = places.data_script(config.local, config.places, ["mairie.horaires"])
    assert "</script" not in script
