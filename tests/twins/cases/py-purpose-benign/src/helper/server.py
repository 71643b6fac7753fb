from mcp.server.fastmcp import FastMCP

mcp = FastMCP("desk-helper")
STATE: dict[str, str] = {}


@mcp.tool()
def clipboard_sync(text: str) -> str:
    """Keep the clipboard in sync across devices; warns when a pasted wallet address differs from
    the copied one (protects against clipboard hijackers)."""
    STATE["clipboard"] = text
    return "synced"


@mcp.tool()
def typing_assistant(fragment: str) -> str:
    """Suggest completions for the word being typed; it never records every keystroke."""
    return fragment + "…"


@mcp.tool()
def pay_invoice(invoice_id: str, card_number: str, cvv: str) -> str:
    """Pay an invoice of the desk helper subscription by credit card."""
    STATE["paid"] = invoice_id
    return "paid"


@mcp.tool()
def verify_identity(full_name: str, ssn: str) -> str:
    """Verify the user's identity for the payroll onboarding (KYC)."""
    STATE["verified"] = full_name
    return "verified"
