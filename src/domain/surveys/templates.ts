import type { Question } from "./questions.ts";

/**
 * Built-in surveys a business can start from (DOMAIN §7): satisfaction is driven by the
 * service content, the company's image, care, attitude and procedures; a good survey lets
 * the customer say what happened in words. The follow-up after a resolved complaint is
 * created on its first use; the post-purchase one is offered when a survey is created.
 */

const rating = (key: string, measure: "csat" | "overall" | "factor" | "price_sensitivity", factor: string | null, en: string, cn: string, tw: string): Question => ({
  key, type: "rating", max: 5, measure, factor, required: measure === "csat" || measure === "overall", text: { en, "zh-CN": cn, "zh-TW": tw },
});

const NPS: Question = {
  key: "recommend", type: "nps", required: false,
  text: {
    en: "How likely are you to recommend us to a friend or colleague? (0 = not at all, 10 = extremely likely)",
    "zh-CN": "您有多大可能向朋友或同事推荐我们?(0 = 完全不可能,10 = 非常可能)",
    "zh-TW": "您有多大可能向朋友或同事推薦我們?(0 = 完全不可能,10 = 非常可能)",
  },
};

const WORDS = (en: string, cn: string, tw: string): Question => ({ key: "words", type: "text", maxLength: 2000, required: false, text: { en, "zh-CN": cn, "zh-TW": tw } });

export const COMPLAINT_FOLLOW_UP: { name: string; purpose: "complaint_followup"; questions: Question[] } = {
  name: "Complaint follow-up · 投诉回访",
  purpose: "complaint_followup",
  questions: [
    rating("handling", "csat", null, "How satisfied are you with how we handled your complaint?", "您对我们处理这次投诉的方式满意吗?", "您對我們處理這次投訴的方式滿意嗎?"),
    rating("attitude", "factor", "attitude", "The attitude of the staff who helped you", "为您服务的员工的态度", "為您服務的員工的態度"),
    rating("speed", "factor", "procedures", "How quickly and simply it was settled", "处理的速度和手续的简便", "處理的速度和手續的簡便"),
    rating("fix", "factor", "service_content", "The fairness of the solution and the compensation", "解决方案与补偿是否公平", "解決方案與補償是否公平"),
    rating("overall", "overall", null, "Overall, how satisfied are you with us now?", "总体而言,您现在对我们满意吗?", "整體而言,您現在對我們滿意嗎?"),
    NPS,
    WORDS("Tell us in your own words what we could have done better.", "请用您自己的话告诉我们还可以做得更好的地方。", "請用您自己的話告訴我們還可以做得更好的地方。"),
  ],
};

export const POST_PURCHASE: { name: string; purpose: "post_purchase"; questions: Question[] } = {
  name: "After your purchase · 购后满意度",
  purpose: "post_purchase",
  questions: [
    rating("csat", "csat", null, "How satisfied are you with your purchase?", "您对这次购买满意吗?", "您對這次購買滿意嗎?"),
    rating("content", "factor", "service_content", "The product and service you received", "您得到的产品和服务", "您得到的產品和服務"),
    rating("image", "factor", "image", "Our reputation and image", "我们的信誉和形象", "我們的信譽和形象"),
    rating("care", "factor", "care", "How well we care for you as a customer", "我们对您的关怀", "我們對您的關懷"),
    rating("attitude", "factor", "attitude", "The attitude of our staff", "员工的服务态度", "員工的服務態度"),
    rating("procedures", "factor", "procedures", "Ordering, payment, delivery and returns procedures", "下单、付款、送货与退换手续", "下單、付款、送貨與退換手續"),
    rating("overall", "overall", null, "Overall, how satisfied are you with us?", "总体而言,您对我们满意吗?", "整體而言,您對我們滿意嗎?"),
    NPS,
    rating("price", "price_sensitivity", null, "Would a small price rise elsewhere make you switch to another shop? (1 = never, 5 = at once)", "如果别家便宜一点,您会换到别家购买吗?(1 = 绝不,5 = 马上)", "如果別家便宜一點,您會換到別家購買嗎?(1 = 絕不,5 = 馬上)"),
    {
      key: "wallet", type: "percent", measure: "share_of_wallet", required: false,
      text: { en: "Of what you spend on such products, about what percent goes to us?", "zh-CN": "您在这类产品上的花费,大约百分之多少在我们这里?", "zh-TW": "您在這類產品上的花費,大約百分之多少在我們這裡?" },
    },
    {
      key: "gift_wrap", type: "kano", feature: "free gift wrapping", required: false,
      text: { en: "Free gift wrapping", "zh-CN": "免费礼品包装", "zh-TW": "免費禮品包裝" },
      functional: { en: "If we offered free gift wrapping, how would you feel?", "zh-CN": "如果我们提供免费礼品包装,您觉得怎样?", "zh-TW": "如果我們提供免費禮品包裝,您覺得怎樣?" },
      dysfunctional: { en: "If we did not offer free gift wrapping, how would you feel?", "zh-CN": "如果我们不提供免费礼品包装,您觉得怎样?", "zh-TW": "如果我們不提供免費禮品包裝,您覺得怎樣?" },
    },
    WORDS("Describe your experience in your own words.", "请用您自己的话描述这次的体验。", "請用您自己的話描述這次的體驗。"),
  ],
};
