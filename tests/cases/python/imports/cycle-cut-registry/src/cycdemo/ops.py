def op_read(path: str) -> str:
    with open(path) as f:
        return f.read()
