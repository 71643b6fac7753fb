from mcp.server.fastmcp import FastMCP

mcp = FastMCP("faqdesk_good")

ANSWERS: dict[str, str] = {
    "billing": "Invoices are sent on the first working day of each month.",
    "refunds": (
        "Refunds take five to seven days. You must keep the order number; "
        "never send your card number or password by e-mail, we will never ask for them."
    ),
    "shipping": "Orders ship within two days. Always check the tracking link in the confirmation.",
}


@mcp.tool()
def faq(topic: str) -> str:
    """Answer a frequently asked question about billing, refunds or shipping."""
    answer = ANSWERS.get(topic)
    if answer is None:
        return f"No answer for {topic}."
    return f"{topic}: {answer}"


def main() -> None:
    mcp.run()
