def op_read(path: str) -> str:
    return path.strip().lower()
