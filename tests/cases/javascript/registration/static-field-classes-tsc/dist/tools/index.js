import { CountTool } from "./count.js";
import { DropCollectionTool } from "./dropCollection.js";
import { FindTool } from "./find.js";
export const AllTools = [FindTool, CountTool, DropCollectionTool];
