const dotenv = require("dotenv");
import { config } from "dotenv";

function setup() {
  // ruleid: js-env-dotenv
  dotenv.config();
  // ruleid: js-env-dotenv
  config({ path: ".env.local" });
  // ok: js-env-dotenv
  const settings = { config: true };
  return settings;
}
