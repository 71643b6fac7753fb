export const idParameter = { type: "string", description: "Identifier of the item" };
