"""Tests of the bundled emulator, ``patsnap_async.testing``."""
