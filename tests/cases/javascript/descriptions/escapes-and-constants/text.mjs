export const PRODUCT = "Widget";
export const LIMIT = 5;
export default "Default text";
