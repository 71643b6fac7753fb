import { CollArgs, DbToolBase } from "./dbToolBase.js";

export class DropCollectionTool extends DbToolBase {
    static toolName = "drop-collection";
    static operationType = "delete" as const;

    public description = "Removes a collection or view from the database.";

    protected argsShape() {
        return CollArgs;
    }

    protected async execute(args: Record<string, unknown>) {
        return this.text(`dropped ${String(args.collection)}`);
    }
}
