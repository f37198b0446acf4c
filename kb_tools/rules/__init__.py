"""The validation rules, one module each, listed explicitly (no discovery).

Each module declares ``RULE`` (code, name, level, scope) and one check
function; its docstring is the rule's documentation for editors (rendered on
the site's rules page).
"""

from __future__ import annotations

from types import ModuleType

from kb_tools.rules import (
    attribute_list,
    broken_anchor,
    broken_link,
    config_invalid,
    date_order,
    duplicate_id,
    duplicate_key,
    duplicate_title,
    email,
    empty_file,
    event_handler,
    expired,
    expiring_soon,
    file_name,
    file_type,
    iban,
    invalid_date,
    invalid_source,
    invalid_status,
    javascript_url,
    markdown_complexity,
    missing_field,
    nir,
    no_front_matter,
    not_mapping,
    not_utf8,
    phone,
    placeholder_missing_for_place,
    unknown_key,
    unknown_placeholder,
    unknown_related,
    unknown_service,
    unknown_tag,
    unsafe_file,
    unsafe_html,
    wrong_type,
    yaml_alias,
    yaml_syntax,
)

_MODULES: tuple[ModuleType, ...] = (
    not_utf8,
    empty_file,
    no_front_matter,
    yaml_syntax,
    not_mapping,
    duplicate_key,
    yaml_alias,
    unknown_key,
    unknown_service,
    unknown_tag,
    missing_field,
    wrong_type,
    invalid_date,
    invalid_status,
    unknown_related,
    invalid_source,
    date_order,
    duplicate_id,
    duplicate_title,
    broken_link,
    broken_anchor,
    unknown_placeholder,
    placeholder_missing_for_place,
    expired,
    expiring_soon,
    unsafe_html,
    event_handler,
    javascript_url,
    attribute_list,
    markdown_complexity,
    nir,
    iban,
    email,
    phone,
    unsafe_file,
    file_type,
    file_name,
    config_invalid,
)

RULES: dict[str, ModuleType] = {module.RULE.id: module for module in _MODULES}
BY_NAME: dict[str, ModuleType] = {module.RULE.name: module for module in _MODULES}
