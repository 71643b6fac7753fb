import { listNotesTool } from './listNotes.js';
import { getNoteTool } from './getNote.js';
import { addNoteTool } from './addNote.js';
import { getTagsTool } from './getTags.js';
import { getAttachmentTool } from './getAttachment.js';
export const allTools = (store, helper) => ({
    toolsets: [
        {
            name: 'notes',
            enabled: false,
            nativeTools: [getAttachmentTool(store, helper)],
            tools: [listNotesTool(store, helper), getNoteTool(store, helper), addNoteTool(store, helper)],
        },
        {
            name: 'tags',
            enabled: false,
            tools: [getTagsTool(store, helper)],
        },
    ],
});
