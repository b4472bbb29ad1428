"""Printing the demo sign-ins."""

from base64 import b32encode
from binascii import unhexlify


def base32_key(hex_key: str) -> str:
    return b32encode(unhexlify(hex_key)).decode()


def print_logins(out, users) -> None:
    from cairn.demo import DEMO_PASSWORD

    out.write("\nDemo sign-ins (all synthetic). Password for every account: " + DEMO_PASSWORD)
    out.write(
        "Two-factor: add the key to any authenticator app, or run `.venv/bin/cairn totp EMAIL`.\n"
    )
    for user, key in users:
        roles = ", ".join(user.role_labels())
        out.write(f"  {user.email:<42} {roles:<32} key {base32_key(key)}")
    out.write("")
