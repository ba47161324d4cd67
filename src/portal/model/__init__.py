"""The data model: `load(root) -> Model` reads and validates everything once (loader.py)."""
