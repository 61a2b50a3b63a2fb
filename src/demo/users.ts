/**
 * The demo company's staff: an admin, managers, analysts, and agents in regional teams,
 * an online team, a key-account team (大客户组) and a service team. Customers are owned by
 * agents; key accounts go to the key-account team.
 */
import type { DemoUser } from "./generate.ts";
import type { Rng } from "./rng.ts";

export type Team = "华东组" | "华北组" | "华南组" | "线上组" | "大客户组" | "客服组";

const STAFF: readonly (readonly [string, string, DemoUser["role"], Team | null])[] = [
  ["周建国", "zhou.jianguo", "admin", null],
  ["王海燕", "wang.haiyan", "manager", "大客户组"],
  ["李明", "li.ming", "manager", "华东组"],
  ["孙婷", "sun.ting", "manager", "客服组"],
  ["陈晓峰", "chen.xiaofeng", "agent", "华东组"],
  ["刘佳", "liu.jia", "agent", "华东组"],
  ["张磊", "zhang.lei", "agent", "华东组"],
  ["黄丽", "huang.li", "agent", "华东组"],
  ["赵鹏", "zhao.peng", "agent", "华北组"],
  ["吴静", "wu.jing", "agent", "华北组"],
  ["林志强", "lin.zhiqiang", "agent", "华南组"],
  ["郑雪", "zheng.xue", "agent", "华南组"],
  ["梁俊", "liang.jun", "agent", "华南组"],
  ["何欣怡", "he.xinyi", "agent", "线上组"],
  ["罗宇", "luo.yu", "agent", "线上组"],
  ["谢婷婷", "xie.tingting", "agent", "线上组"],
  ["宋博", "song.bo", "agent", "大客户组"],
  ["唐慧", "tang.hui", "agent", "大客户组"],
  ["韩东", "han.dong", "agent", "大客户组"],
  ["冯敏", "feng.min", "agent", "客服组"],
  ["邓超", "deng.chao", "agent", "客服组"],
  ["曹雨", "cao.yu", "agent", "客服组"],
  ["彭涛", "peng.tao", "analyst", null],
  ["曾琳", "zeng.lin", "analyst", null],
];

export const DEMO_USERS: readonly DemoUser[] = STAFF.map(([name, local, role, team]) => ({
  email: `${local}@retain.example`,
  name,
  role,
  team,
}));

const agentsCache = new WeakMap<readonly DemoUser[], Map<string, string[]>>();

/** One agent of the team, falling back to any agent if the world's users lack the team. */
export function agentOf(rng: Rng, users: readonly DemoUser[], team: Team): string {
  let byTeam = agentsCache.get(users);
  if (!byTeam) {
    byTeam = new Map();
    for (const u of users) {
      if (u.role !== "agent") continue;
      for (const key of [u.team ?? "", "*"]) byTeam.set(key, [...(byTeam.get(key) ?? []), u.email]);
    }
    agentsCache.set(users, byTeam);
  }
  const pool = byTeam.get(team) ?? byTeam.get("*");
  return pool ? rng.pick(pool) : (users[0]?.email ?? "admin@retain.example");
}
