"""Provider settings: presets, base URL and model in a JSON file; the API key only in the OS keyring.

The key is never written to the settings file, the database, logs or exports. Where no keyring
backend works, it lives in memory for this session only (and `key_storage_message` says so).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from goals_desktop.domain.errors import GoalsError

KEYRING_SERVICE = "goals-desktop"
KEYRING_USER = "openai-api-key"
# Local servers ignore the key, but the SDK refuses to start without a non-empty one.
PLACEHOLDER_KEY = "not-needed"

PRESETS: dict[str, tuple[str, str]] = {
    "openai": ("OpenAI", "https://api.openai.com/v1"),
    "ollama": ("Ollama", "http://localhost:11434/v1"),
    "lmstudio": ("LM Studio", "http://localhost:1234/v1"),
    "llamacpp": ("llama.cpp", "http://localhost:8080/v1"),
    "vllm": ("vLLM", "http://localhost:8000/v1"),
    "custom": ("Custom", ""),
}

_session_keys: dict[str, str] = {}


class SettingsError(GoalsError):
    """Settings that cannot be read or saved."""


@dataclass(frozen=True, slots=True)
class ProviderSettings:
    preset: str = ""
    base_url: str = ""
    model: str = ""

    @property
    def configured(self) -> bool:
        return bool(self.base_url.strip() and self.model.strip())


def config_dir() -> Path:
    override = os.environ.get("GOALS_DESKTOP_CONFIG_DIR")
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir("goals-desktop", appauthor=False))


def settings_path() -> Path:
    return config_dir() / "ai.json"


def load_settings(apply_env: bool = True) -> ProviderSettings:
    """The saved settings, with OPENAI_BASE_URL / GOALS_DESKTOP_MODEL on top when set."""
    settings = ProviderSettings()
    path = settings_path()
    if path.exists():
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            settings = ProviderSettings(
                preset=str(data.get("preset", "")), base_url=str(data.get("base_url", "")), model=str(data.get("model", ""))
            )
        except (OSError, ValueError, AttributeError):
            raise SettingsError(f"The AI settings file {path} cannot be read; save the provider settings again.") from None
    if apply_env:
        if os.environ.get("OPENAI_BASE_URL"):
            settings = replace(settings, base_url=os.environ["OPENAI_BASE_URL"])
        if os.environ.get("GOALS_DESKTOP_MODEL"):
            settings = replace(settings, model=os.environ["GOALS_DESKTOP_MODEL"])
        if os.environ.get("OPENAI_API_KEY") and not settings.base_url:
            settings = replace(settings, preset="openai", base_url=PRESETS["openai"][1])
    return settings


def save_settings(settings: ProviderSettings) -> Path:
    path = settings_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(settings), indent=2), encoding="utf-8")
        os.replace(tmp, path)
    except OSError as error:
        raise SettingsError(f"The AI settings cannot be saved to {path}: {error.strerror or error}.") from None
    return path


# -- API key ------------------------------------------------------------------------------------


def _keyring_usable():
    try:
        import keyring
        from keyring.backends import fail

        backend = keyring.get_keyring()
        if isinstance(backend, fail.Keyring) or type(backend).__name__ in {"Keyring"} and "fail" in type(backend).__module__:
            return None
        if "chainer" in type(backend).__module__ and not getattr(backend, "backends", None):
            return None
        return keyring
    except Exception:
        return None


def keyring_backend():
    """The keyring module when a real backend works here, else None (the CalDAV password uses it too)."""
    return _keyring_usable()


def store_api_key(key: str) -> str:
    """Store the key; returns one sentence saying where it went."""
    key = key.strip()
    keyring = _keyring_usable()
    if keyring is not None:
        try:
            if key:
                keyring.set_password(KEYRING_SERVICE, KEYRING_USER, key)
            else:
                try:
                    keyring.delete_password(KEYRING_SERVICE, KEYRING_USER)
                except Exception:
                    pass
            _session_keys.pop(KEYRING_USER, None)
            return "The API key is stored in the system keyring."
        except Exception:
            pass
    if key:
        _session_keys[KEYRING_USER] = key
    else:
        _session_keys.pop(KEYRING_USER, None)
    return key_storage_message()


def key_storage_message() -> str:
    if _keyring_usable() is None:
        return "No system keyring is available, so the API key is kept for this session only."
    return "The API key is stored in the system keyring."


def get_api_key() -> str:
    """OPENAI_API_KEY, else the keyring, else this session's key; '' when none."""
    if os.environ.get("OPENAI_API_KEY"):
        return os.environ["OPENAI_API_KEY"]
    if KEYRING_USER in _session_keys:
        return _session_keys[KEYRING_USER]
    keyring = _keyring_usable()
    if keyring is not None:
        try:
            return keyring.get_password(KEYRING_SERVICE, KEYRING_USER) or ""
        except Exception:
            return ""
    return ""
