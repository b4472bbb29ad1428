"""Browser tests (headless Chromium, axe-core)."""
