export abstract class Action {
  abstract perform(input: string): Promise<string>;
  async run(input: string): Promise<string> {
    return this.perform(input.trim());
  }
}
