from .ops import op_read

ACTIONS = [op_read, *extra()]


def extra():
    return [lookup_action()]


def lookup_action():
    return ACTIONS[0]
