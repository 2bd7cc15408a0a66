"""Which OpenAI-compatible server and model to use, and its API key (kept in the OS keyring).

The key never goes into the settings file, the database, logs or exports. Environment variables
OPENAI_API_KEY, OPENAI_BASE_URL and GOALS_DESKTOP_MODEL override what is saved.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from goals_desktop import APP_ID, ORGANIZATION
from goals_desktop.domain.errors import GoalsError

CONFIG_DIR_ENV = "GOALS_DESKTOP_CONFIG_DIR"
KEYRING_SERVICE = APP_ID
# Local servers ignore the key, but the SDK refuses an empty one.
PLACEHOLDER_KEY = "not-needed"

PRESETS: dict[str, tuple[str, str]] = {
    # name: (base URL, suggested model)
    "OpenAI": ("https://api.openai.com/v1", "gpt-4o-mini"),
    "Ollama": ("http://localhost:11434/v1", "llama3.1"),
    "LM Studio": ("http://localhost:1234/v1", ""),
    "llama.cpp": ("http://localhost:8080/v1", ""),
    "vLLM": ("http://localhost:8000/v1", ""),
    "Custom": ("", ""),
}

_session_keys: dict[str, str] = {}  # where no keyring works: remembered until the app quits


class ProviderNotConfigured(GoalsError):
    pass


@dataclass
class ProviderSettings:
    preset: str = ""
    base_url: str = ""
    model: str = ""

    @property
    def configured(self) -> bool:
        return bool(self.base_url and self.model)


@dataclass(frozen=True)
class Provider:
    """Settings resolved with the environment: what a request actually uses."""

    base_url: str
    model: str
    api_key: str


def config_dir() -> Path:
    override = os.environ.get(CONFIG_DIR_ENV, "").strip()
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_ID, ORGANIZATION))


def settings_path() -> Path:
    return config_dir() / "provider.json"


def load_settings() -> ProviderSettings:
    try:
        data = json.loads(settings_path().read_text(encoding="utf-8"))
        return ProviderSettings(**{k: str(data.get(k, "")) for k in ("preset", "base_url", "model")})
    except (OSError, ValueError, TypeError, AttributeError):
        return ProviderSettings()


def save_settings(settings: ProviderSettings) -> None:
    path = settings_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(asdict(settings), indent=2), encoding="utf-8")
    except OSError as error:
        raise GoalsError(f"Cannot save the provider settings ({path}): {error.strerror or error}.") from None


def _keyring():
    try:
        import keyring
        from keyring.backends import fail

        if isinstance(keyring.get_keyring(), fail.Keyring):
            return None
        return keyring
    except Exception:  # no usable backend on this system
        return None


def store_api_key(base_url: str, key: str) -> str:
    """Keep the key for base_url; returns one sentence saying where it went."""
    backend = _keyring()
    if backend is not None:
        try:
            if key:
                backend.set_password(KEYRING_SERVICE, base_url, key)
            else:
                try:
                    backend.delete_password(KEYRING_SERVICE, base_url)
                except Exception:
                    pass
            _session_keys.pop(base_url, None)
            return "The API key is stored in your system keyring."
        except Exception:
            pass
    if key:
        _session_keys[base_url] = key
    else:
        _session_keys.pop(base_url, None)
    return "No system keyring is available, so the API key is kept only until the app quits."


def stored_api_key(base_url: str) -> str:
    if base_url in _session_keys:
        return _session_keys[base_url]
    backend = _keyring()
    if backend is not None:
        try:
            return backend.get_password(KEYRING_SERVICE, base_url) or ""
        except Exception:
            return ""
    return ""


def resolve(settings: ProviderSettings | None = None) -> Provider:
    """Saved settings with the environment's overrides; raises ProviderNotConfigured."""
    settings = settings or load_settings()
    base_url = os.environ.get("OPENAI_BASE_URL", "").strip() or settings.base_url
    model = os.environ.get("GOALS_DESKTOP_MODEL", "").strip() or settings.model
    if not base_url and os.environ.get("OPENAI_API_KEY"):
        base_url = PRESETS["OpenAI"][0]
    if not base_url or not model:
        raise ProviderNotConfigured(
            "No AI provider is configured; choose one in Settings (or set OPENAI_BASE_URL and GOALS_DESKTOP_MODEL)."
        )
    api_key = os.environ.get("OPENAI_API_KEY", "").strip() or stored_api_key(base_url) or PLACEHOLDER_KEY
    return Provider(base_url.rstrip("/"), model, api_key)
