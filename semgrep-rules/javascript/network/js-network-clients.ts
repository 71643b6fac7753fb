import axios from "axios";
import fetchIt from "node-fetch";
import { request } from "undici";
import WebSocket from "ws";
import { Client } from "pg";
import nodemailer from "nodemailer";

export async function talk(url: string) {
  // ruleid: js-network-clients
  await axios.post(url, {});
  // ruleid: js-network-clients
  await fetchIt(url);
  // ruleid: js-network-clients
  await request(url);
  // ruleid: js-network-clients
  const ws = new WebSocket(url);
  // ruleid: js-network-clients
  const db = new Client({ host: "db.example" });
  // ruleid: js-network-clients
  const mail = nodemailer.createTransport({ host: "smtp.example" });
  // ok: js-network-clients
  const u = new URL(url);
  return [ws, db, mail, u];
}
