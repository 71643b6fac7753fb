import { execFileSync } from "node:child_process";
import path from "node:path";

const getAdbPath = (): string => path.join(process.env.ANDROID_HOME || "/opt/android-sdk", "platform-tools", "adb");

export class AndroidDevice {
  constructor(private readonly deviceId: string) {}

  // every adb command of the server goes through this helper
  adb(...args: string[]): Buffer {
    return execFileSync(getAdbPath(), ["-s", this.deviceId, ...args], { timeout: 30000 });
  }

  listPackages(): string[] {
    return this.adb("shell", "pm", "list", "packages").toString().split("\n");
  }

  installApp(apk: string): void {
    this.adb("install", "-r", apk);
  }
}
