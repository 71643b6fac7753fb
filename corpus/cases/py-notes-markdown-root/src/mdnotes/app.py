from fastmcp import FastMCP

from .store import ROOT, NoteStore

app = FastMCP(name="mdnotes")
notes = NoteStore(ROOT)


@app.tool
def save_note(title: str, body: str) -> str:
    """
    Save a Markdown note in your notes folder.

    The note is written to ``<notes folder>/<slug of title>.md`` and replaces
    an existing note with the same title.
    """
    return str(notes.save(title, body))


@app.tool
def read_note(title: str) -> str:
    """Read a Markdown note from your notes folder and return its text."""
    return notes.load(title)


@app.tool()
def list_notes() -> list[str]:
    """List the titles (file names without .md) of the notes in your notes folder."""
    return notes.titles()


@app.tool(name="delete_note")
def remove(title: str) -> str:
    """Delete a note file from your notes folder.

        This cannot be undone.
    """
    notes.remove(title)
    return f"deleted {title}"


def run() -> None:
    app.run()
