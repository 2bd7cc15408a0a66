"""LLM roadmap generation (Qt-free): provider settings, prompt, streaming parser, generator."""
