export const FOOTER =
  "(Only the first 10 passages are shown; refine the query to see others.)";
