import { CollArgs, DbToolBase } from "./dbToolBase.js";
export class DropCollectionTool extends DbToolBase {
    constructor() {
        super(...arguments);
        this.description = "Removes a collection or view from the database.";
    }
    argsShape() {
        return CollArgs;
    }
    async execute(args) {
        return this.text(`dropped ${String(args.collection)}`);
    }
}
DropCollectionTool.toolName = "drop-collection";
DropCollectionTool.operationType = "delete";
