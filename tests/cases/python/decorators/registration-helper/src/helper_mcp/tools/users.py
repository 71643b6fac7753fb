import os


def get_user() -> str:
    """Tell the configured user."""
    return os.environ.get("PD_USER", "")
