import { QuestionCircleOutlined } from "@ant-design/icons";
import { Space, Tooltip } from "antd";
import type { ReactNode } from "react";

/** A column's or figure's title with its definition on hover. */
export function Help({ title, help, testId }: { title: ReactNode; help: ReactNode; testId: string }) {
  return (
    <Space size={4}>
      {title}
      <Tooltip title={help}>
        <QuestionCircleOutlined style={{ color: "rgba(0,0,0,0.45)" }} data-testid={testId} />
      </Tooltip>
    </Space>
  );
}
