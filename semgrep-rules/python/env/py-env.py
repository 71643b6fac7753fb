import os

import keyring
from dotenv import load_dotenv


def config():
    # ruleid: py-env-os
    token = os.environ["TOKEN"]
    # ruleid: py-env-os
    home = os.environ.get("HOME")
    # ruleid: py-env-os
    user = os.getenv("USER")
    # ruleid: py-env-secrets
    load_dotenv()
    # ruleid: py-env-secrets
    keyring.get_password("svc", "me")
    # ok: py-env-os
    os.getcwd()
    return token, home, user
