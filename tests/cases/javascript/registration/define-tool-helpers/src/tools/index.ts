import { readNote } from "./notes.js";
import { webTools } from "./web.js";

export const allTools = [readNote, ...webTools];
