import { describe, expect, it } from "vitest";
import { nameInitials } from "./initials.ts";

describe("nameInitials", () => {
  it("takes the pinyin initial of each character, reading the first as a surname", () => {
    expect(nameInitials("王小明")).toBe("wxm");
    expect(nameInitials("单田芳")).toBe("stf"); // 单 is shàn as a surname, not dān
    expect(nameInitials("曾志伟")).toBe("zzw"); // zēng, not céng
    expect(nameInitials("欧阳海强")).toBe("oyhq");
    expect(nameInitials("苏州创卓医疗器械有限公司")).toBe("szczylqxyxgs");
  });

  it("takes the first letter of each Latin word, and mixes both", () => {
    expect(nameInitials("Jason Huang")).toBe("jh");
    expect(nameInitials("李 David")).toBe("ld");
  });

  it("gives null for a name without letters", () => {
    expect(nameInitials(null)).toBeNull();
    expect(nameInitials("")).toBeNull();
    expect(nameInitials("<>·—")).toBeNull();
  });
});
