import { Alert, Button, Card, Checkbox, Flex, Form, Input, InputNumber, Radio, Result, Space, Typography } from "antd";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router-dom";
import { isApiError } from "../../../api/errors";
import { errorText } from "../../../components/errorText";
import { LanguageSwitch } from "../../../components/LanguageSwitch";
import { PageSpin } from "../../../components/Loading";
import { answerSurvey, fetchPublicSurvey, wordingIn, type Answers, type Question } from "../api/surveys.api";

const KANO = [1, 2, 3, 4, 5] as const;
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/**
 * The page a customer's survey link opens (/s/<token>), without signing in: the survey's
 * questions in the reader's language, answered once. It shows nothing about the customer.
 */
export default function SurveyAnswerPage() {
  const { t, i18n } = useTranslation();
  const { token = "" } = useParams();
  const survey = useQuery({ queryKey: ["public-survey", token], queryFn: () => fetchPublicSurvey(token), retry: false });
  const answer = useMutation({ mutationFn: (a: Answers) => answerSurvey(token, a) });
  const [form] = Form.useForm<Record<string, unknown>>();
  const lang = i18n.language;

  let body;
  if (survey.isPending) body = <PageSpin />;
  else if (survey.isError) {
    const gone = isApiError(survey.error) && survey.error.status === 404;
    body = gone
      ? <Result status="404" title={t("surveyAnswer.invalid")} subTitle={t("surveyAnswer.invalidHelp")} data-testid="survey-answer-invalid" />
      : <Result status="error" title={errorText(t, survey.error).title} subTitle={errorText(t, survey.error).detail} extra={<Button onClick={() => void survey.refetch()}>{t("common.retry")}</Button>} />;
  } else if (answer.isSuccess || survey.data.state === "answered") {
    body = <Result status="success" title={t("surveyAnswer.thanks")} subTitle={answer.isSuccess ? t("surveyAnswer.thanksHelp") : t("surveyAnswer.alreadyAnswered")} data-testid="survey-answer-done" />;
  } else if (survey.data.state !== "open") {
    body = <Result status="info" title={t(survey.data.state === "expired" ? "surveyAnswer.expired" : "surveyAnswer.closed")} data-testid="survey-answer-closed" />;
  } else {
    const s = survey.data;
    const failure = answer.error ? errorText(t, answer.error) : null;
    const submit = (values: Record<string, unknown>) => {
      const out: Answers = {};
      for (const q of s.questions) {
        if (q.type === "kano") {
          const f = values[`${q.key}__f`];
          const d = values[`${q.key}__d`];
          if (typeof f === "number" && typeof d === "number") out[q.key] = [f, d];
          continue;
        }
        const v = values[q.key];
        if (v !== undefined && v !== null && v !== "" && !(Array.isArray(v) && !v.length)) out[q.key] = v as Answers[string];
      }
      answer.mutate(out);
    };
    body = (
      <>
        <Typography.Paragraph type="secondary">{s.anonymous ? t("surveyAnswer.anonymous") : t("surveyAnswer.intro")}</Typography.Paragraph>
        {failure ? <Alert type="error" showIcon title={failure.title} description={failure.detail} style={{ marginBottom: 16 }} data-testid="survey-answer-error" /> : null}
        <Form form={form} layout="vertical" onFinish={submit} requiredMark>
          {s.questions.map((q) => <QuestionField key={q.key} q={q} lang={lang} />)}
          <Button type="primary" htmlType="submit" loading={answer.isPending} data-testid="survey-answer-submit">
            {t("surveyAnswer.submit")}
          </Button>
        </Form>
      </>
    );
  }

  return (
    <Flex justify="center" style={{ minHeight: "100vh", padding: 16, background: "#f5f7fa" }}>
      <Card style={{ width: "100%", maxWidth: 720, alignSelf: "flex-start" }} title={survey.data?.name ?? t("surveyAnswer.title")} extra={<LanguageSwitch />} data-testid="survey-answer">
        {body}
      </Card>
    </Flex>
  );
}

function QuestionField({ q, lang }: { q: Question; lang: string }) {
  const { t } = useTranslation();
  const label = wordingIn(q.text, lang);
  const rules = q.required ? [{ required: true, message: t("surveyAnswer.required") }] : [];
  const testId = `survey-answer-q-${q.key}`;
  const scale = (values: number[]) => (
    <Radio.Group optionType="button" data-testid={testId} options={values.map((v) => ({ value: v, label: String(v) }))} />
  );
  switch (q.type) {
    case "rating":
      return (
        <Form.Item name={q.key} label={label} rules={rules} extra={t("surveyAnswer.ratingHelp", { max: q.max })}>
          {scale(range(1, q.max))}
        </Form.Item>
      );
    case "nps":
      return (
        <Form.Item name={q.key} label={label} rules={rules} extra={t("surveyAnswer.npsHelp")}>
          {scale(range(0, 10))}
        </Form.Item>
      );
    case "percent":
      return (
        <Form.Item name={q.key} label={label} rules={rules}>
          <InputNumber min={0} max={100} addonAfter="%" data-testid={testId} />
        </Form.Item>
      );
    case "text":
      return (
        <Form.Item name={q.key} label={label} rules={[...rules, { max: q.maxLength, message: t("surveyAnswer.tooLong", { max: q.maxLength }) }]}>
          <Input.TextArea rows={4} maxLength={q.maxLength} showCount data-testid={testId} />
        </Form.Item>
      );
    case "choice": {
      const options = q.options.map((o) => ({ value: o.key, label: wordingIn(o.text, lang) }));
      return (
        <Form.Item name={q.key} label={label} rules={rules}>
          {q.multiple ? <Checkbox.Group options={options} data-testid={testId} /> : <Radio.Group options={options} data-testid={testId} />}
        </Form.Item>
      );
    }
    case "kano": {
      const options = KANO.map((v) => ({ value: v, label: t(`surveyAnswer.kano.${v}`) }));
      return (
        <Space direction="vertical" style={{ width: "100%" }}>
          <Typography.Text strong>{label}</Typography.Text>
          <Form.Item name={`${q.key}__f`} label={wordingIn(q.functional, lang)} rules={rules}>
            <Radio.Group options={options} data-testid={`${testId}-functional`} />
          </Form.Item>
          <Form.Item name={`${q.key}__d`} label={wordingIn(q.dysfunctional, lang)} rules={rules}>
            <Radio.Group options={options} data-testid={`${testId}-dysfunctional`} />
          </Form.Item>
        </Space>
      );
    }
  }
}
