/** Python-style slice used by ColumnsPatched (`{type: "slice"}` on the wire). */
export class Slice {
  constructor(
    readonly start: number | null,
    readonly stop: number | null,
    readonly step: number | null = null,
  ) {}
}
