import { describe, expect, it } from "vitest";
import { checkReceipt, readReceiptCsv } from "./receipt";

const po = {
  number: "PO-1",
  lines: [{ id: "l1", modelId: "m1", model: "Key One", vendor: "V", remaining: 2 }],
};
const allModels = [
  { id: "m1", productName: "Key One", vendor: "V" },
  { id: "m2", productName: "Key Two", vendor: "V" },
];

describe("receipt checks", () => {
  it("reports each problem on its own row", () => {
    const { rows } = readReceiptCsv(
      "serial,model,po\nA100,,\nA100,Key One,\nB200,Nope,\nC300,Key Two,\nD400,,PO-9\n!!!,,\nE500,,\n",
    );
    const out = checkReceipt({
      rows,
      po,
      allModels,
      existing: [{ serial: "E500", vendor: "V", status: "in_stock", site: { code: "AMS" }, poLine: null }],
    });
    const byLine = Object.fromEntries(out.map((r) => [r.line, r.errors]));
    expect(byLine[2]).toEqual([]);
    expect(byLine[3]).toEqual(["duplicate serial: also on line 2 of this file"]);
    expect(byLine[4]).toEqual(['unknown model "Nope"']);
    expect(byLine[5]).toEqual(["Key Two is not on PO-1"]);
    expect(byLine[6]![0]).toMatch(/wrong PO: this row is for PO-9/);
    expect(byLine[7]![0]).toMatch(/letters, digits/);
    expect(byLine[8]).toEqual(["already received: key E500 is in stock at AMS"]);
  });

  it("refuses more serials than the line has left", () => {
    const { rows } = readReceiptCsv("serial\nA1X\nA2X\nA3X\n");
    const out = checkReceipt({ rows, po, allModels, existing: [] });
    expect(out.map((r) => r.errors.length)).toEqual([0, 0, 1]);
    expect(out[2]!.errors[0]).toMatch(/more than the 2 Key One left/);
  });

  it("a file without a serial header or with an open quote is a file error, not rows", () => {
    expect(readReceiptCsv("sn\nA1\n").fileErrors[0]).toMatch(/header/);
    expect(readReceiptCsv('serial\n"A1\n').fileErrors[0]).toMatch(/Line 2: a quoted field is never closed/);
  });

  it("flags a row with the wrong number of fields as malformed", () => {
    const r = readReceiptCsv("serial,model\nA1X,Key One,extra\n");
    expect(r.fileErrors[0]).toMatch(/Line 2: expected 2 fields, found 3/);
  });
});
