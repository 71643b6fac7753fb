export const TOOL_NAMES = {
  EDIT_NOTE: "edit_note",
  SEARCH_WEB: "search_web",
  WORD_COUNT: "word_count",
};
export const ALL_TOOL_NAMES = Object.values(TOOL_NAMES);
