"""One test module per validation rule (see conftest.py for the helper)."""
