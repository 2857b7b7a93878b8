"""Sharing under rules: release policies, signed messages, pseudonymised hit/no-hit keys (docs/sharing.md).

    from xborder import sharing
    released = sharing.release(message, "identification-only", recipient="DEU")
    released.message        # the minimised XES (same syntax as the input), or None when refused
    released.record         # the release record as a dict: policy, digests, every member withheld or transformed
    signed = sharing.sign(message, open("private.pem").read())
    sharing.verify(signed, open("public.pem").read())        # Verification(valid=True, reason='')
    sharing.hit_keys(message, secret="shared secret")        # [{"person": "p1", "message": ..., "keys": [...]}]

A message is XES text (JSON or XML, str or bytes) or a dict in the XES JSON form.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Dict, List, Mapping, Optional, Union

from . import _core

__all__ = ["policies", "release", "Release", "sign", "verify", "Verification", "hit_keys"]

Message = Union[str, bytes, Mapping[str, Any]]


def _text(message: Message) -> str:
    if isinstance(message, bytes):
        return message.decode("utf-8")
    if isinstance(message, str):
        return message
    return json.dumps(message, ensure_ascii=False)


def policies(mappings_dir: Optional[str] = None) -> List[Dict[str, Any]]:
    """The release policies: id, version, description, recipient, purpose, legal_basis, handling, file."""
    return _core.policies(mappings_dir)


@dataclass(frozen=True)
class Release:
    message: Optional[str]   # the released message, or None when refused
    record: Dict[str, Any]   # the release record (mappings/schema/release-record.schema.json)
    error: str               # why the input could not be read, if it could not

    @property
    def released(self) -> bool:
        return self.message is not None


def release(message: Message, policy: str, recipient: str = "", purpose: str = "", hash_key: str = "",
            time: str = "") -> Release:
    """Minimises a message under a built-in policy. Raises Error for an unknown policy or a hash rule
    without a key; a refusal (a condition, unreadable input) is a Release without a message."""
    output, record, error = _core.release(policy, _text(message), recipient, purpose, hash_key, time)
    return Release(output, json.loads(record), error)


def sign(message: Message, private_key_pem: str) -> str:
    """The message with header.signature: a detached JWS over its RFC 8785 canonical JSON (Ed25519, ES256)."""
    return _core.sign(private_key_pem, _text(message))


@dataclass(frozen=True)
class Verification:
    valid: bool
    reason: str   # why not, when not

    def __bool__(self) -> bool:
        return self.valid


def verify(message: Message, public_key_pem: str) -> Verification:
    """Whether header.signature holds for the message's content under the key."""
    return Verification(*_core.verify(public_key_pem, _text(message)))


def hit_keys(message: Message, secret: str) -> List[Dict[str, Any]]:
    """Every person's hit keys under a secret both parties share:
    [{"person": id, "message": message id, "keys": [hex, ...]}]."""
    return [{"person": person, "message": message_id, "keys": keys}
            for person, message_id, keys in _core.hit_keys(secret, _text(message))]
