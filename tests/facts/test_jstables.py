"""Module tables of constant text a JS/TS handler returns an entry of (`mcpvet.facts.jstables`)."""

from __future__ import annotations

import textwrap

from mcpvet.facts.jstables import indexed_tables, module_tables

SOURCE = textwrap.dedent('''
    const PAGES = {
      home: { title: "Home", body: "Welcome to the help centre of the example product." },
      "faq": { title: "FAQ", body: `Answers to common questions ${x} about billing and shipping.` },
    };
    const LIMIT = 10;
    export const NAMES = ["a", "b"];
    function handler(id) {
      const page = PAGES[id];
      return { content: [{ type: "text", text: page.body }] };
    }
    ''')


def test_each_entry_of_a_top_level_table_is_one_text_with_its_line() -> None:
    tables = module_tables(SOURCE)
    assert set(tables) == {"PAGES"}  # LIMIT is no table; NAMES has too few letters
    (line1, home), (line2, faq) = tables["PAGES"]
    assert "Welcome to the help centre" in home and "Home" in home
    assert "faq" not in faq.split() and "about billing" in faq  # a quoted key is a name, not text
    assert (line1, line2) == (3, 4)


def test_only_tables_the_handler_looks_up_count_and_only_when_it_returns() -> None:
    tables = module_tables(SOURCE)
    region = SOURCE[SOURCE.index("function handler"):]
    assert len(indexed_tables(region, tables)) == 2
    assert indexed_tables("function other() { return 1; }", tables) == []
    assert indexed_tables("function h(id) { log(PAGES[id]); }", tables) == []
