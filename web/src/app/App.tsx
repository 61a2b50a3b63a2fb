import { lazy, Suspense } from "react";
import { BrowserRouter, Navigate, Route, Routes } from "react-router-dom";
import { PageSpin } from "../components/Loading";
import { RequireSession } from "../features/auth/components/RequireSession";
import { NotFound } from "./NotFound";
import { PageGate } from "./PageGate";
import { pages } from "./pages";
import { Providers } from "./Providers";
import { Shell } from "./shell/Shell";

const LoginPage = lazy(() => import("../features/auth/components/LoginPage"));
const PublicFeedbackPage = lazy(() => import("../features/public-feedback/components/PublicFeedbackPage"));
const SurveyAnswerPage = lazy(() => import("../features/surveys/components/SurveyAnswerPage"));
const UnsubscribePage = lazy(() => import("../features/unsubscribe/components/UnsubscribePage"));

/** Routes: sign-in outside the shell; every page of the registry inside it. */
export function App() {
  return (
    <Providers>
      <BrowserRouter>
        <Routes>
          <Route
            path="/login"
            element={
              <Suspense fallback={<PageSpin />}>
                <LoginPage />
              </Suspense>
            }
          />
          {/* a customer's survey link: no session, no shell */}
          <Route
            path="/s/:token"
            element={
              <Suspense fallback={<PageSpin />}>
                <SurveyAnswerPage />
              </Suspense>
            }
          />
          {/* an e-mail's unsubscribe link: no session, no shell */}
          <Route
            path="/u/:token"
            element={
              <Suspense fallback={<PageSpin />}>
                <UnsubscribePage />
              </Suspense>
            }
          />
          {/* the public complaint form: no session, no shell */}
          <Route
            path="/feedback"
            element={
              <Suspense fallback={<PageSpin />}>
                <PublicFeedbackPage />
              </Suspense>
            }
          />
          <Route
            element={
              <RequireSession>
                <Shell />
              </RequireSession>
            }
          >
            <Route index element={<Navigate to="/customers" replace />} />
            {pages.map((page) => (
              <Route key={page.path} path={page.path} element={<PageGate page={page} />} />
            ))}
            <Route path="*" element={<NotFound />} />
          </Route>
        </Routes>
      </BrowserRouter>
    </Providers>
  );
}
