import { Alert, Button, Card, Flex, Form, Input, Radio, Result, Select, Typography } from "antd";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState, type CSSProperties } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router-dom";
import { isApiError } from "../../../api/errors";
import { errorText } from "../../../components/errorText";
import { LanguageSwitch } from "../../../components/LanguageSwitch";
import { PageSpin } from "../../../components/Loading";
import { toLanguage } from "../../../i18n";
import { fetchPublicForm, fileComplaint, type Filing } from "../api/publicFeedback.api";
import { CONTACT_MAX, formField, isContact, ORDER_NO_MAX, PRODUCT_MAX, WORDS_MAX } from "../rules";

type Values = Omit<Filing, "token">;
type Failure = "rate-limited" | "not-matched" | "link" | "network" | "other";

function failureOf(error: unknown): Failure {
  if (!isApiError(error)) return "other";
  if (error.code === "NETWORK") return "network";
  if (error.status === 429) return "rate-limited";
  if (error.code === "NOT_FOUND") return error.field === "token" ? "link" : "not-matched";
  return "other";
}

// Off-screen rather than display:none, which form-filling programs skip.
const HIDDEN: CSSProperties = { position: "absolute", left: -10_000, top: "auto", width: 1, height: 1, overflow: "hidden" };

/**
 * The public complaint form (/feedback, /feedback?t=<personal link>): no session, no shell,
 * nothing about the customer shown. With a good personal link it asks only for the
 * complaint; otherwise for the order number and the phone or e-mail of that order too.
 */
export default function PublicFeedbackPage() {
  const { t, i18n } = useTranslation();
  const lang = toLanguage(i18n.language);
  const [params] = useSearchParams();
  const token = params.get("t");
  const form = useQuery({ queryKey: ["public-complaint-form", token], queryFn: () => fetchPublicForm(token), retry: false, staleTime: Infinity });
  const [linkDead, setLinkDead] = useState(false);
  const file = useMutation({ mutationFn: fileComplaint });
  const [fields] = Form.useForm<Values>();
  const useLink = form.data?.link === "valid" && !linkDead;

  const submit = (v: Values) => {
    const filing: Filing = {
      category: v.category, words: v.words.trim(), product: v.product?.trim() || undefined, preferredContact: v.preferredContact, website: v.website ?? "",
      ...(useLink && token ? { token } : { orderNo: v.orderNo?.trim(), contact: v.contact?.trim() }),
    };
    file.mutate(filing, {
      onError: (e) => {
        if (failureOf(e) === "link") setLinkDead(true);
        const name = isApiError(e) && e.code === "BAD_INPUT" ? formField(e.field) : null;
        if (name && isApiError(e)) fields.setFields([{ name, errors: [e.message] }]);
      },
    });
  };

  let body;
  if (form.isPending) body = <PageSpin />;
  else if (form.isError) {
    body = (
      <Result status="error" title={t("publicFeedback.loadFailed")} subTitle={errorText(t, form.error).detail}
        extra={<Button onClick={() => void form.refetch()} data-testid="retry">{t("common.retry")}</Button>} />
    );
  } else if (file.isSuccess) {
    body = (
      <Result status="success" title={t("publicFeedback.thanks")} data-testid="feedback-done"
        subTitle={<span data-testid="feedback-reference" data-reference={file.data.reference}>{t("publicFeedback.reference", { reference: `#${file.data.reference}` })}</span>}
        extra={<Button onClick={() => { fields.resetFields(); file.reset(); }} data-testid="feedback-again">{t("publicFeedback.again")}</Button>} />
    );
  } else {
    const failure = file.error ? failureOf(file.error) : null;
    const fieldError = isApiError(file.error) && file.error.code === "BAD_INPUT" && formField(file.error.field) !== null;
    let alert = null;
    if (failure && !fieldError) {
      const text = failure === "not-matched" ? { title: t("publicFeedback.notMatched"), detail: t("publicFeedback.notMatchedHelp") }
        : failure === "rate-limited" ? { title: t("publicFeedback.rateLimited"), detail: errorText(t, file.error).detail }
          : failure === "link" ? { title: t("publicFeedback.linkFailed"), detail: t("publicFeedback.linkInvalid") }
            : failure === "network" ? { title: t("publicFeedback.network"), detail: t("publicFeedback.networkHelp") }
              : errorText(t, file.error);
      alert = <Alert type="error" showIcon title={text.title} description={text.detail} style={{ marginBottom: 16 }} data-testid="feedback-error" data-kind={failure} />;
    }
    const { categories } = form.data;
    body = (
      <>
        <Typography.Paragraph type="secondary">{t("publicFeedback.intro")}</Typography.Paragraph>
        {useLink ? <Alert type="success" showIcon title={t("publicFeedback.linkValid")} style={{ marginBottom: 16 }} data-testid="feedback-link-valid" /> : null}
        {form.data.link === "invalid" && !linkDead ? <Alert type="warning" showIcon title={t("publicFeedback.linkInvalid")} style={{ marginBottom: 16 }} data-testid="feedback-link-invalid" /> : null}
        {alert}
        <Form form={fields} layout="vertical" onFinish={submit} requiredMark data-testid="feedback-form" onValuesChange={() => file.error && file.reset()}>
          {useLink ? null : (
            <>
              <Form.Item name="orderNo" label={t("publicFeedback.orderNo")} extra={t("publicFeedback.orderNoHelp")}
                rules={[{ required: true, whitespace: true, message: t("publicFeedback.orderNoRequired") }, { max: ORDER_NO_MAX }]}>
                <Input maxLength={ORDER_NO_MAX} autoComplete="off" data-testid="feedback-order" />
              </Form.Item>
              <Form.Item name="contact" label={t("publicFeedback.contact")} extra={t("publicFeedback.contactHelp")} validateTrigger="onBlur"
                rules={[
                  { required: true, whitespace: true, message: t("publicFeedback.contactRequired") },
                  { validator: async (_, v?: string) => { if (v?.trim() && !isContact(v)) throw new Error(t("publicFeedback.contactInvalid")); } },
                ]}>
                <Input maxLength={CONTACT_MAX} autoComplete="email" data-testid="feedback-contact" />
              </Form.Item>
            </>
          )}
          <Form.Item name="category" label={t("publicFeedback.category")} rules={[{ required: true, message: t("publicFeedback.categoryRequired") }]}>
            <Select options={categories.map((c) => ({ value: c.key, label: c.label?.[lang] ?? c.key }))} data-testid="feedback-category" />
          </Form.Item>
          <Form.Item name="words" label={t("publicFeedback.words")} extra={t("publicFeedback.wordsHelp", { max: WORDS_MAX })}
            rules={[{ required: true, whitespace: true, message: t("publicFeedback.wordsRequired") }, { max: WORDS_MAX, message: t("publicFeedback.wordsTooLong", { max: WORDS_MAX }) }]}>
            <Input.TextArea rows={6} maxLength={WORDS_MAX} showCount data-testid="feedback-words" />
          </Form.Item>
          <Form.Item name="product" label={t("publicFeedback.product")} rules={[{ max: PRODUCT_MAX }]}>
            <Input maxLength={PRODUCT_MAX} data-testid="feedback-product" />
          </Form.Item>
          <Form.Item name="preferredContact" label={t("publicFeedback.preferredContact")}>
            <Radio.Group options={[
              { value: "phone", label: <span data-testid="feedback-preferred-phone">{t("publicFeedback.preferredPhone")}</span> },
              { value: "email", label: <span data-testid="feedback-preferred-email">{t("publicFeedback.preferredEmail")}</span> },
            ]} />
          </Form.Item>
          {/* the honeypot: out of sight, out of the tab order, and hidden from screen readers */}
          <div aria-hidden="true" style={HIDDEN}>
            <Form.Item name="website" label={t("publicFeedback.honeypot")} initialValue="">
              <Input tabIndex={-1} autoComplete="off" data-testid="feedback-website" />
            </Form.Item>
          </div>
          <Button type="primary" htmlType="submit" block loading={file.isPending} data-testid="feedback-submit">
            {t("publicFeedback.submit")}
          </Button>
        </Form>
      </>
    );
  }

  return (
    <Flex justify="center" style={{ minHeight: "100vh", padding: 16, background: "#f5f7fa" }}>
      <Card style={{ width: "100%", maxWidth: 640, alignSelf: "flex-start" }} title={t("publicFeedback.title")} extra={<LanguageSwitch />} data-testid="feedback-page">
        {body}
      </Card>
    </Flex>
  );
}
