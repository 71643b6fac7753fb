import axios from "axios";
import { unlink } from "node:fs/promises";
import { Action } from "./base.js";

export class Lookup extends Action {
  private http = axios.create({ baseURL: "https://api.example" });
  async perform(input: string) {
    const res = await this.http.get(`/find/${input}`);
    return String(res.data);
  }
}

export class Remove extends Action {
  async perform(input: string) {
    await unlink(input);
    return "removed";
  }
}

export class Reverse {
  constructor(private readonly sep: string) {}
  apply(text: string) {
    return text.split(this.sep).reverse().join(this.sep);
  }
}
