"""The API's bearer token: $GOALS_DESKTOP_API_TOKEN, else one generated once into the config folder.

The file is created with mode 0600 and with its content in one step (a temporary file linked into
place), so two servers starting at once agree on one token and nobody ever reads a half-written one.
No FastAPI here: the CLI's `serve --show-token` and the window use it without loading the web stack.
"""

from __future__ import annotations

import math
import os
import secrets
import stat
from collections import Counter
from pathlib import Path

from goals_desktop.ai.settings import config_dir
from goals_desktop.domain.errors import GoalsError

TOKEN_ENV = "GOALS_DESKTOP_API_TOKEN"
TOKEN_FILE = "api-token"
MIN_TOKEN_LENGTH = 32
# Estimated from the token's own characters (length × Shannon entropy per character): a random
# 32-character hex token has about 115 bits by this measure, "x" * 40 none.
MIN_TOKEN_BITS = 96


class TokenError(GoalsError):
    """The token cannot be read or created, or is too weak to guard the API."""


def token_path() -> Path:
    return config_dir() / TOKEN_FILE


def estimated_bits(token: str) -> float:
    counts = Counter(token)
    return -sum(n * math.log2(n / len(token)) for n in counts.values())


def _checked(token: str, where: str) -> str:
    token = token.strip()
    if any(ch.isspace() or not ch.isprintable() for ch in token):
        raise TokenError(f"The API token from {where} must be printable characters without spaces.")
    if len(token) < MIN_TOKEN_LENGTH:
        raise TokenError(
            f"The API token from {where} must be at least {MIN_TOKEN_LENGTH} characters; "
            "`python -c 'import secrets; print(secrets.token_urlsafe(32))'` makes a good one."
        )
    if estimated_bits(token) < MIN_TOKEN_BITS:
        raise TokenError(
            f"The API token from {where} is too easy to guess (too few different characters); "
            "`python -c 'import secrets; print(secrets.token_urlsafe(32))'` makes a good one."
        )
    return token


def _private(path: Path) -> None:
    """A token file others can read is made private (0600), or refused when that is not possible."""
    if os.name == "nt":
        return
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        try:
            os.chmod(path, 0o600)
        except OSError:
            raise TokenError(f"The API token file {path} can be read by other users; run: chmod 600 {path}") from None


def api_token(create: bool = True) -> str:
    """The token every request must carry; generated on first use unless the environment names one."""
    from_env = os.environ.get(TOKEN_ENV)
    if from_env is not None and from_env.strip():
        return _checked(from_env, f"${TOKEN_ENV}")
    path = token_path()
    try:
        _private(path)
        return _checked(path.read_text(encoding="utf-8"), str(path))
    except FileNotFoundError:
        if not create:
            raise TokenError(f"No API token yet; `goals-desktop serve --show-token` makes one in {path}.") from None
    except (OSError, UnicodeDecodeError) as error:
        raise TokenError(f"The API token file {path} cannot be read ({getattr(error, 'strerror', None) or error}).") from None
    return _create(path)


def _create(path: Path) -> str:
    token = secrets.token_urlsafe(32)
    tmp = path.with_name(f".{TOKEN_FILE}.{os.getpid()}.{secrets.token_hex(4)}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(token + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(tmp, path)  # fails if another process made one first: then theirs is the token
        except FileExistsError:
            return _checked(path.read_text(encoding="utf-8"), str(path))
        except OSError:
            # File systems without hard links: a plain create, still exclusive.
            if path.exists():
                return _checked(path.read_text(encoding="utf-8"), str(path))
            os.replace(tmp, path)
        return token
    except OSError as error:
        raise TokenError(f"The API token cannot be saved to {path} ({error.strerror or error}).") from None
    finally:
        try:
            tmp.unlink()
        except OSError:
            pass


def tokens_match(given: str | None, token: str) -> bool:
    """Constant-time comparison, so response timing tells nothing about the token."""
    if not given:
        return False
    return secrets.compare_digest(given.encode("utf-8", "surrogatepass"), token.encode("utf-8"))
