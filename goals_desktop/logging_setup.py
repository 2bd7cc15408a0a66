"""Logging to a file in the user's log folder (a windowed app has no console), with secrets redacted."""

from __future__ import annotations

import logging
import logging.handlers
import os
import re
from pathlib import Path
from urllib.parse import unquote_plus

from goals_desktop import APP_ID, ORGANIZATION

LOG_DIR_ENV = "GOALS_DESKTOP_LOG_DIR"
LOG_NAME = "goals-desktop.log"
# Tokens that look like API keys or bearer credentials, whatever the provider.
_SECRET_PATTERNS = [
    re.compile(r"\bsk-[A-Za-z0-9_\-]{8,}"),
    re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._\-]{8,}"),
    re.compile(r"(?i)(api[_-]?key[\"']?\s*[:=]\s*[\"']?)[^\s\"',}]{6,}"),
]


def log_dir() -> Path:
    override = os.environ.get(LOG_DIR_ENV, "").strip()
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_log_dir(APP_ID, ORGANIZATION))


def redact(text: str) -> str:
    """Remove anything that looks like a key, plus the keys this process actually knows."""
    for pattern in _SECRET_PATTERNS:
        text = pattern.sub(lambda m: (m.group(1) if m.groups() else "") + "[redacted]", text)
    for secret in _known_secrets():
        text = redact_secret(text, secret) if secret in _remembered else text.replace(secret, "[redacted]")
    return text


_remembered: set[str] = set()
# A run of characters a URL, a header or a query string may spell a secret with.
_URLISH_RUN = re.compile(r"[A-Za-z0-9%._~+\-]+")
_QUERY_PARAM = re.compile(r"([?&;])([^=&\s\"']*)=([^&\s\"']*)")


def remember_secret(secret: str) -> None:
    """Redact this secret (e.g. the API token) from every log line from now on, in any spelling."""
    if len(secret) >= 6:
        _remembered.add(secret)


def redact_secret(text: str, secret: str) -> str:
    """`text` without `secret`, however a client spelled it (percent-encoded, in part or whole),
    and without the value of any query parameter whose decoded name is `token`."""

    def param(match: re.Match) -> str:
        name = unquote_plus(match.group(2))
        return f"{match.group(1)}{match.group(2)}=[redacted]" if name.strip().lower() == "token" else match.group(0)

    text = _QUERY_PARAM.sub(param, text)
    if secret in text:
        text = text.replace(secret, "[redacted]")
    if "%" in text or "+" in text:
        text = _URLISH_RUN.sub(lambda m: "[redacted]" if secret in unquote_plus(m.group(0)) else m.group(0), text)
    return text


def _known_secrets() -> list[str]:
    secrets = [os.environ.get("OPENAI_API_KEY", ""), *_remembered]
    try:
        from goals_desktop.ai import settings

        secrets += list(getattr(settings, "_session_keys", {}).values())
    except Exception:
        pass
    return [s for s in secrets if len(s) >= 6]


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = ()
        if record.exc_info and not record.exc_text:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Log files readable by the user only (0600), new ones and those an older version made."""

    def _open(self):
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        if os.name != "nt":
            os.fchmod(fd, 0o600)
        return os.fdopen(fd, self.mode, encoding=self.encoding, errors=self.errors)


def setup_logging(level: int = logging.INFO) -> Path:
    """Log to a rotating file; returns its path. Safe to call more than once."""
    path = log_dir() / LOG_NAME
    root = logging.getLogger()
    if any(getattr(h, "_goals_desktop", False) for h in root.handlers):
        return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = _PrivateRotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        handler = logging.NullHandler()  # an unwritable log folder must not stop the app
    handler._goals_desktop = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter())
    root.addHandler(handler)
    root.setLevel(level)
    # The HTTP stack logs request details at DEBUG/INFO; keep it quiet (and keys out) in the file.
    for noisy in ("httpx2", "httpx", "httpcore", "openai", "alembic", "qasync"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return path
