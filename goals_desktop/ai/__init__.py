"""AI roadmap generation: provider settings, prompt, incremental parser, streaming client. No Qt."""
