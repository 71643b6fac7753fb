from regcls_mcp.registry import ToolRegistry


def register(tools: ToolRegistry, root: str) -> None:
    @tools.reader("Read note")
    def read_note(name: str) -> str:
        """Read a note.

            Returns its text."""
        with open(f"{root}/{name}") as fh:
            return fh.read()

    @tools.writer("Write note")
    def write_note(name: str, text: str) -> str:
        """Write a note."""
        with open(f"{root}/{name}", "w") as fh:
            fh.write(text)
        return "ok"
