"""Site generation: everything the published site shows, as pure functions.

This package never imports MkDocs. ``hooks/kb_hooks.py`` hands its events to
:class:`kb_tools.site.build.SiteBuild`, which returns Markdown for each page
and the search index; a future generator only needs a new thin adapter.

Modules, by job (where pages live is :mod:`kb_tools.urls`, lower in the engine):

- ``text``: Markdown to plain text, French dates, escaping;
- ``graph``: related answers both ways, backlinks, suggestions (linear time);
- ``freshness``: expired / expiring / valid counts and the inline SVG chart;
- ``answer_page``: an answer rendered to Markdown (header, banner, links…);
- ``pages``: the generated pages (home, services, tags, dashboard, glossary);
- ``nav``: the navigation (never every answer);
- ``search``: the search index shaped for Material's built-in search;
- ``offline``: what the service worker keeps (manifest, ``sw.js``, the build's version);
- ``build``: one object holding all of the above for one build.
"""
