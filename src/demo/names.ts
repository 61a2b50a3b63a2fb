/**
 * Word lists for demo identities: Chinese surnames and given-name characters with their
 * pinyin (for e-mail addresses), English given names, cities, and the parts of company
 * names. Surnames are listed roughly by frequency and drawn with Zipf-like weights, so
 * 王/李/张 dominate as they do in real customer lists.
 */

/** [character(s), pinyin] */
export type Syllable = readonly [string, string];

export const SURNAMES: readonly Syllable[] = [
  ["王", "wang"], ["李", "li"], ["张", "zhang"], ["刘", "liu"], ["陈", "chen"], ["杨", "yang"], ["黄", "huang"],
  ["赵", "zhao"], ["吴", "wu"], ["周", "zhou"], ["徐", "xu"], ["孙", "sun"], ["马", "ma"], ["朱", "zhu"],
  ["胡", "hu"], ["郭", "guo"], ["何", "he"], ["高", "gao"], ["林", "lin"], ["罗", "luo"], ["郑", "zheng"],
  ["梁", "liang"], ["谢", "xie"], ["宋", "song"], ["唐", "tang"], ["许", "xu"], ["韩", "han"], ["冯", "feng"],
  ["邓", "deng"], ["曹", "cao"], ["彭", "peng"], ["曾", "zeng"], ["肖", "xiao"], ["田", "tian"], ["董", "dong"],
  ["袁", "yuan"], ["潘", "pan"], ["于", "yu"], ["蒋", "jiang"], ["蔡", "cai"], ["余", "yu"], ["杜", "du"],
  ["叶", "ye"], ["程", "cheng"], ["苏", "su"], ["魏", "wei"], ["吕", "lv"], ["丁", "ding"], ["任", "ren"],
  ["沈", "shen"], ["姚", "yao"], ["卢", "lu"], ["姜", "jiang"], ["崔", "cui"], ["钟", "zhong"], ["谭", "tan"],
  ["陆", "lu"], ["汪", "wang"], ["范", "fan"], ["金", "jin"], ["欧阳", "ouyang"], ["司马", "sima"],
];
export const SURNAME_WEIGHTS: readonly number[] = SURNAMES.map((_, k) => 1 / Math.pow(k + 2, 0.9));

export const MALE_CHARS: readonly Syllable[] = [
  ["伟", "wei"], ["强", "qiang"], ["磊", "lei"], ["军", "jun"], ["洋", "yang"], ["勇", "yong"], ["杰", "jie"],
  ["涛", "tao"], ["明", "ming"], ["超", "chao"], ["刚", "gang"], ["平", "ping"], ["辉", "hui"], ["鹏", "peng"],
  ["华", "hua"], ["飞", "fei"], ["鑫", "xin"], ["波", "bo"], ["斌", "bin"], ["宇", "yu"], ["浩", "hao"],
  ["凯", "kai"], ["健", "jian"], ["俊", "jun"], ["帆", "fan"], ["博", "bo"], ["文", "wen"], ["志", "zhi"],
  ["建", "jian"], ["国", "guo"], ["海", "hai"], ["东", "dong"], ["晨", "chen"], ["子", "zi"], ["轩", "xuan"],
  ["然", "ran"], ["宏", "hong"], ["毅", "yi"], ["峰", "feng"], ["亮", "liang"],
];
export const FEMALE_CHARS: readonly Syllable[] = [
  ["芳", "fang"], ["娜", "na"], ["敏", "min"], ["静", "jing"], ["丽", "li"], ["艳", "yan"], ["娟", "juan"],
  ["霞", "xia"], ["秀", "xiu"], ["玲", "ling"], ["婷", "ting"], ["雪", "xue"], ["慧", "hui"], ["颖", "ying"],
  ["琳", "lin"], ["晶", "jing"], ["欣", "xin"], ["怡", "yi"], ["倩", "qian"], ["佳", "jia"], ["梦", "meng"],
  ["悦", "yue"], ["萍", "ping"], ["红", "hong"], ["燕", "yan"], ["蕾", "lei"], ["薇", "wei"], ["雨", "yu"],
  ["思", "si"], ["涵", "han"], ["月", "yue"], ["兰", "lan"], ["洁", "jie"], ["琴", "qin"], ["云", "yun"],
];

/**
 * Same-sounding characters: a person re-registered by a clerk who typed the right pinyin
 * and picked the wrong character — the typical near-duplicate in a Chinese archive.
 */
export const HOMOPHONES: Readonly<Record<string, string>> = {
  伟: "玮", 静: "婧", 丽: "莉", 明: "铭", 华: "桦", 军: "君", 杰: "捷", 涛: "韬", 芳: "方", 敏: "民",
  婷: "庭", 玲: "铃", 鹏: "朋", 辉: "晖", 宇: "雨", 浩: "皓", 晨: "辰", 欣: "昕", 怡: "仪", 佳: "嘉",
  娜: "纳", 勇: "永", 强: "蔷", 斌: "彬", 峰: "锋", 洁: "杰", 琳: "林", 颖: "莹", 燕: "艳", 红: "虹",
};

export const ENGLISH_MALE = ["David", "Kevin", "Jason", "Eric", "Tony", "Michael", "Jack", "Leo", "Frank", "Peter", "Sam", "Allen"];
export const ENGLISH_FEMALE = ["Emily", "Grace", "Linda", "Cathy", "Vivian", "Amy", "Coco", "Iris", "Jenny", "Sophia", "Lily", "Wendy"];

/** [city, pinyin abbreviation, region] — region decides the sales team. */
export const CITIES: readonly (readonly [string, string, "east" | "south" | "north" | "west"])[] = [
  ["上海", "sh", "east"], ["北京", "bj", "north"], ["杭州", "hz", "east"], ["深圳", "sz", "south"],
  ["广州", "gz", "south"], ["南京", "nj", "east"], ["苏州", "su", "east"], ["成都", "cd", "west"],
  ["武汉", "wh", "west"], ["重庆", "cq", "west"], ["西安", "xa", "west"], ["天津", "tj", "north"],
  ["宁波", "nb", "east"], ["厦门", "xm", "south"], ["长沙", "cs", "south"], ["青岛", "qd", "north"],
  ["合肥", "hf", "east"], ["郑州", "zz", "north"], ["无锡", "wx", "east"], ["东莞", "dg", "south"],
];
export const CITY_WEIGHTS = [14, 12, 10, 10, 9, 6, 6, 6, 5, 5, 4, 4, 4, 3, 3, 3, 2, 2, 2, 2];

/** Company brand = two of these (明+远 → 明远); the pinyin makes the web domain. */
export const BRAND_PARTS: readonly Syllable[] = [
  ["明", "ming"], ["远", "yuan"], ["华", "hua"], ["信", "xin"], ["博", "bo"], ["瑞", "rui"], ["恒", "heng"],
  ["通", "tong"], ["丰", "feng"], ["中", "zhong"], ["天", "tian"], ["成", "cheng"], ["金", "jin"], ["桥", "qiao"],
  ["宏", "hong"], ["达", "da"], ["新", "xin"], ["元", "yuan"], ["安", "an"], ["泰", "tai"], ["盛", "sheng"],
  ["嘉", "jia"], ["锦", "jin"], ["鼎", "ding"], ["益", "yi"], ["航", "hang"], ["卓", "zhuo"], ["越", "yue"],
  ["联", "lian"], ["创", "chuang"],
];

/** [industry word in the company name, industry label for the profile, buys office/food gifts weight] */
export const INDUSTRIES: readonly (readonly [string, string])[] = [
  ["科技", "信息技术"], ["贸易", "批发零售"], ["电子", "电子制造"], ["实业", "制造业"], ["食品", "食品加工"],
  ["文化传媒", "文化传媒"], ["建筑工程", "建筑"], ["医疗器械", "医疗健康"], ["物流", "交通物流"],
  ["教育咨询", "教育培训"], ["餐饮管理", "餐饮"], ["酒店管理", "酒店旅游"],
];

export const CONTACT_TITLES_DM = ["总经理", "采购总监", "行政总监", "董事长", "运营总监"];
export const CONTACT_TITLES = ["采购专员", "行政经理", "财务主管", "办公室主任", "采购经理", "行政助理"];
