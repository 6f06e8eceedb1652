/** A benchmark group: `pnpm bench <name>` runs it; its figures are named `<name>.<what>.<unit>`. */
export interface BenchGroup {
  name: string;
  run(): Promise<Record<string, number>>;
}
