import { Alert, Button, Card, Flex, Form, Input, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Navigate, useNavigate, useSearchParams } from "react-router-dom";
import { isApiError } from "../../../api/errors";
import { errorText } from "../../../components/errorText";
import { PageSpin } from "../../../components/Loading";
import { LanguageSwitch } from "../../../components/LanguageSwitch";
import { useLogin, useSession } from "../hooks/useSession";

/** Only paths inside the app: `next` comes from the URL and must not send anyone elsewhere. */
const safeNext = (next: string | null) => (next && next.startsWith("/") && !next.startsWith("//") ? next : "/customers");

export default function LoginPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const session = useSession();
  const login = useLogin();
  const next = safeNext(params.get("next"));

  if (session.isPending) return <PageSpin />;
  if (session.data) return <Navigate to={next} replace />;

  const failure = login.error ? loginFailure(t, login.error) : null;

  return (
    <Flex justify="center" align="center" style={{ minHeight: "100vh", padding: 16, background: "#f5f7fa" }}>
      <Card style={{ width: "100%", maxWidth: 400 }} title={t("auth.signInTitle")} extra={<LanguageSwitch />}>
        <Typography.Paragraph type="secondary">{t("auth.signInIntro")}</Typography.Paragraph>
        {failure ? <Alert type="error" showIcon title={failure.title} description={failure.detail} style={{ marginBottom: 16 }} data-testid="login-error" /> : null}
        <Form layout="vertical" requiredMark={false} onFinish={(v: { email: string; password: string }) => login.mutate(v, { onSuccess: () => void navigate(next, { replace: true }) })}>
          <Form.Item name="email" label={t("auth.email")} rules={[{ required: true, message: t("auth.emailRequired") }, { type: "email", message: t("validation.email") }]}>
            <Input type="email" autoComplete="username" autoFocus data-testid="login-email" />
          </Form.Item>
          <Form.Item name="password" label={t("auth.password")} rules={[{ required: true, message: t("auth.passwordRequired") }]}>
            <Input.Password autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
            {t("auth.signIn")}
          </Button>
        </Form>
      </Card>
    </Flex>
  );
}

function loginFailure(t: Parameters<typeof errorText>[0], error: unknown) {
  if (isApiError(error) && error.status === 401) return { title: t("auth.badCredentials"), detail: error.message };
  if (isApiError(error) && error.status === 429) return { title: t("auth.rateLimited"), detail: error.message };
  return errorText(t, error);
}
