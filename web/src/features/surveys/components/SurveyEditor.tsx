import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, Drawer, Flex, Form, Input, InputNumber, Select, Space, Switch } from "antd";
import { useTranslation } from "react-i18next";
import { errorText } from "../../../components/errorText";
import {
  createSurvey, MEASURES, PURPOSES, QUESTION_TYPES, updateSurvey, wordingIn, type Question, type QuestionType, type Survey, type SurveyInput, type Wording,
} from "../api/surveys.api";

/** One question as the form holds it: the wording of the reader's language as plain text. */
interface QuestionRow {
  key: string;
  type: QuestionType;
  text: string;
  required: boolean;
  max?: 5 | 7 | 10;
  measure?: string | null;
  factor?: string | null;
  options?: string;
  multiple?: boolean;
  maxLength?: number;
  feature?: string;
  functional?: string;
  dysfunctional?: string;
  /** The question as loaded, so wordings in other languages are kept. */
  original?: Question;
}

interface FormValues {
  name: string;
  purpose: SurveyInput["purpose"];
  anonymous: boolean;
  status: "open" | "closed";
  questions: QuestionRow[];
}

const toRow = (q: Question, lang: string): QuestionRow => ({
  key: q.key, type: q.type, text: wordingIn(q.text, lang), required: q.required, original: q,
  ...(q.type === "rating" ? { max: q.max, measure: q.measure, factor: q.factor } : {}),
  ...(q.type === "percent" ? { measure: q.measure } : {}),
  ...(q.type === "choice" ? { options: q.options.map((o) => `${o.key}=${wordingIn(o.text, lang)}`).join("\n"), multiple: q.multiple } : {}),
  ...(q.type === "text" ? { maxLength: q.maxLength } : {}),
  ...(q.type === "kano" ? { feature: q.feature, functional: wordingIn(q.functional, lang), dysfunctional: wordingIn(q.dysfunctional, lang) } : {}),
});

/** The wording with this language's text replaced; the other languages' stay. */
const reword = (w: Wording | undefined, lang: string, text: string): Wording => ({ ...(w ?? {}), [lang]: text.trim() });

function toQuestion(r: QuestionRow, lang: string): Question {
  const o = r.original?.type === r.type ? r.original : undefined;
  const base = { key: r.key.trim(), text: reword(o?.text, lang, r.text ?? ""), required: !!r.required };
  switch (r.type) {
    case "rating":
      return { ...base, type: "rating", max: r.max ?? 5, measure: (r.measure ?? null) as Extract<Question, { type: "rating" }>["measure"], factor: r.measure === "factor" ? (r.factor?.trim() || null) : null };
    case "nps":
      return { ...base, type: "nps" };
    case "percent":
      return { ...base, type: "percent", measure: r.measure === "share_of_wallet" ? "share_of_wallet" : null };
    case "text":
      return { ...base, type: "text", maxLength: r.maxLength ?? 2000 };
    case "choice": {
      const before = o?.type === "choice" ? new Map(o.options.map((x) => [x.key, x.text])) : new Map<string, Wording>();
      const options = (r.options ?? "").split("\n").map((l) => l.trim()).filter(Boolean).map((l) => {
        const [key, ...rest] = l.split("=");
        return { key: key!.trim(), text: reword(before.get(key!.trim()), lang, rest.join("=") || key!) };
      });
      return { ...base, type: "choice", options, multiple: !!r.multiple };
    }
    case "kano":
      return {
        ...base, type: "kano", feature: r.feature?.trim() ?? "",
        functional: reword(o?.type === "kano" ? o.functional : undefined, lang, r.functional ?? ""),
        dysfunctional: reword(o?.type === "kano" ? o.dysfunctional : undefined, lang, r.dysfunctional ?? ""),
      };
  }
}

/**
 * Creates or changes a survey: its name, purpose, whether answers are anonymous, and its
 * questions (the wording of the reader's language is edited; the others are kept). Once a
 * survey has answers the server keeps its questions as they are: only name and status change.
 */
export function SurveyEditor({ survey, start, onClose }: { survey: Survey | null; start: SurveyInput; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const qc = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const locked = !!survey && survey.answered > 0;
  const save = useMutation({
    mutationFn: (v: FormValues) => {
      const input: SurveyInput = { name: v.name.trim(), purpose: v.purpose, anonymous: v.anonymous, questions: locked ? survey!.questions : v.questions.map((r) => toQuestion(r, lang)) };
      return survey ? updateSurvey(survey.id, { ...input, version: survey.version, status: v.status }) : createSurvey(input);
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ["surveys"] });
      void qc.invalidateQueries({ queryKey: ["survey"] });
      onClose();
    },
  });
  const failure = save.error ? errorText(t, save.error) : null;

  return (
    <Drawer
      open
      width={720}
      title={survey ? t("surveys.editTitle", { name: survey.name }) : t("surveys.newTitle")}
      onClose={onClose}
      extra={<Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="survey-save">{t("common.save")}</Button>}
      data-testid="survey-editor"
    >
      {failure ? <Alert type="error" showIcon title={failure.title} description={failure.detail} style={{ marginBottom: 16 }} data-testid="survey-editor-error" /> : null}
      {locked ? <Alert type="info" showIcon title={t("surveys.lockedQuestions", { n: survey.answered })} style={{ marginBottom: 16 }} /> : null}
      <Form<FormValues>
        form={form}
        layout="vertical"
        disabled={save.isPending}
        initialValues={{ name: start.name, purpose: start.purpose, anonymous: start.anonymous, status: survey?.status ?? "open", questions: start.questions.map((q) => toRow(q, lang)) }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="name" label={t("surveys.name")} rules={[{ required: true, whitespace: true, message: t("surveys.nameRequired") }]}>
          <Input maxLength={200} data-testid="survey-name" />
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item name="purpose" label={t("surveys.purpose")}>
            <Select style={{ width: 220 }} options={PURPOSES.map((p) => ({ value: p, label: t(`surveys.purposes.${p}`) }))} />
          </Form.Item>
          <Form.Item name="anonymous" label={t("surveys.anonymous")} valuePropName="checked" tooltip={t("surveys.anonymousHelp")}>
            <Switch disabled={locked} data-testid="survey-anonymous" />
          </Form.Item>
          {survey ? (
            <Form.Item name="status" label={t("surveys.status")}>
              <Select style={{ width: 140 }} options={(["open", "closed"] as const).map((s) => ({ value: s, label: t(`surveys.statuses.${s}`) }))} data-testid="survey-status" />
            </Form.Item>
          ) : null}
        </Flex>
        <Form.List name="questions">
          {(fields, { add, remove }) => (
            <Space direction="vertical" style={{ width: "100%" }}>
              {fields.map((field, i) => (
                <QuestionCard key={field.key} index={i} name={field.name} locked={locked} onRemove={() => remove(field.name)} />
              ))}
              {locked ? null : (
                <Button icon={<PlusOutlined />} onClick={() => add({ key: `q${fields.length + 1}`, type: "rating", text: "", required: false, max: 5, measure: null })} data-testid="survey-add-question">
                  {t("surveys.addQuestion")}
                </Button>
              )}
            </Space>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}

function QuestionCard({ index, name, locked, onRemove }: { index: number; name: number; locked: boolean; onRemove: () => void }) {
  const { t } = useTranslation();
  const type = Form.useWatch(["questions", name, "type"]) as QuestionType | undefined;
  const measure = Form.useWatch(["questions", name, "measure"]) as string | null | undefined;
  const required = [{ required: true, whitespace: true, message: t("surveys.fieldRequired") }];
  return (
    <Card
      size="small"
      title={t("surveys.questionN", { n: index + 1 })}
      extra={locked ? null : <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={onRemove} aria-label={t("common.delete")} />}
      data-testid={`survey-question-${index}`}
    >
      <fieldset disabled={locked} style={{ border: 0, margin: 0, padding: 0 }}>
        <Flex gap={12} wrap>
          <Form.Item name={[name, "type"]} label={t("surveys.type")}>
            <Select style={{ width: 180 }} options={QUESTION_TYPES.map((q) => ({ value: q, label: t(`surveys.types.${q}`) }))} />
          </Form.Item>
          <Form.Item name={[name, "key"]} label={t("surveys.key")} rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{0,39}$/, message: t("surveys.keyRule") }]}>
            <Input style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name={[name, "required"]} label={t("surveys.required")} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Flex>
        <Form.Item name={[name, "text"]} label={t("surveys.wording")} rules={required}>
          <Input.TextArea autoSize maxLength={500} />
        </Form.Item>
        {type === "rating" ? (
          <Flex gap={12} wrap>
            <Form.Item name={[name, "max"]} label={t("surveys.scale")}>
              <Select style={{ width: 100 }} options={[5, 7, 10].map((m) => ({ value: m, label: `1–${m}` }))} />
            </Form.Item>
            <Form.Item name={[name, "measure"]} label={t("surveys.measure")} tooltip={t("surveys.measureHelp")}>
              <Select style={{ width: 220 }} allowClear options={MEASURES.map((m) => ({ value: m, label: t(`surveys.measures.${m}`) }))} />
            </Form.Item>
            {measure === "factor" ? (
              <Form.Item name={[name, "factor"]} label={t("surveys.factor")} rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{0,39}$/, message: t("surveys.keyRule") }]}>
                <Input style={{ width: 180 }} placeholder="attitude" />
              </Form.Item>
            ) : null}
          </Flex>
        ) : null}
        {type === "percent" ? (
          <Form.Item name={[name, "measure"]} label={t("surveys.measure")}>
            <Select style={{ width: 220 }} allowClear options={[{ value: "share_of_wallet", label: t("surveys.measures.share_of_wallet") }]} />
          </Form.Item>
        ) : null}
        {type === "text" ? (
          <Form.Item name={[name, "maxLength"]} label={t("surveys.maxLength")}>
            <InputNumber min={1} max={5000} />
          </Form.Item>
        ) : null}
        {type === "choice" ? (
          <>
            <Form.Item name={[name, "options"]} label={t("surveys.options")} extra={t("surveys.optionsHelp")} rules={required}>
              <Input.TextArea autoSize={{ minRows: 2 }} />
            </Form.Item>
            <Form.Item name={[name, "multiple"]} label={t("surveys.multiple")} valuePropName="checked">
              <Switch />
            </Form.Item>
          </>
        ) : null}
        {type === "kano" ? (
          <>
            <Form.Item name={[name, "feature"]} label={t("surveys.feature")} rules={required}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name={[name, "functional"]} label={t("surveys.functional")} rules={required}>
              <Input maxLength={500} />
            </Form.Item>
            <Form.Item name={[name, "dysfunctional"]} label={t("surveys.dysfunctional")} rules={required}>
              <Input maxLength={500} />
            </Form.Item>
          </>
        ) : null}
      </fieldset>
    </Card>
  );
}
