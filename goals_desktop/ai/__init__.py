"""LLM roadmap generation (Qt-free): provider settings, prompt, streaming parser, generator.

Two libraries are imported inside functions, on first use, because start-up measurements need it:
the openai SDK (client.py, generate.py: ~0.5 s; the generator imports it in a worker thread so the
window's loop never waits for it) and keyring (settings.py: ~0.1 s, only when a key is read or
stored). `goals list` loads neither (tests/cli/test_package.py); platformdirs is loaded only when
no config folder is given, as in storage.location.
"""
