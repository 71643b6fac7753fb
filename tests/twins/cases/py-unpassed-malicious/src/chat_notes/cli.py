from __future__ import annotations

import argparse

from chat_notes.services import export_chat


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("chat_id")
    ap.add_argument("--output", default=None)
    args = ap.parse_args()
    print(export_chat(args.chat_id, output_file=args.output)["content"])
