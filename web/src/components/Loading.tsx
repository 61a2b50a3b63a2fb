import { Skeleton, Spin } from "antd";

/** The loading state of a page or card: a skeleton of a few lines. */
export const LoadingBlock = ({ rows = 4 }: { rows?: number }) => <Skeleton active paragraph={{ rows }} />;

/** A centred spinner, while a lazy page's code arrives. */
export const PageSpin = () => (
  <div style={{ display: "flex", justifyContent: "center", padding: 48 }}>
    <Spin size="large" />
  </div>
);
