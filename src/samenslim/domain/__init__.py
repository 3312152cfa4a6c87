"""The domain: content, sessions, the store, time and the exporters. Imports nothing from Textual
(tests/unit/test_architecture.py and the import-linter contract in pyproject.toml)."""
