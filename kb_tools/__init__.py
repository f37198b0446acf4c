"""Engine of the knowledge base: loading, validation, site model, tools.

Nothing in this package imports MkDocs: the site hooks (``hooks/``) and the
``kb`` command line are thin adapters over the functions defined here.
"""

__version__ = "0.1.0"
