import functools
import logging

logger = logging.getLogger(__name__)


def handle_tool_errors(func):
    """Log failures."""

    @functools.wraps(func)
    async def wrapper(*args, **kwargs):
        try:
            return await func(*args, **kwargs)
        except Exception:
            logger.exception("tool failed")
            raise

    return wrapper
