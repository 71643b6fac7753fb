"""A package module named like a standard library module: `import inspect` elsewhere is the stdlib's."""


def cleandoc(text: str) -> str:
    return text.upper()
