"""Maintenance scripts that are not part of the build (run from the repository root)."""
