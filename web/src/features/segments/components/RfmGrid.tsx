import { Flex, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../../../i18n/format";
import { useFormat } from "../../../i18n/useFormat";
import type { RfmCell } from "../api/segments.api";
import { RFM_COLORS, RFM_SEGMENTS, rfmSegment, type RfmSegment } from "../rules";

const SCORES = [1, 2, 3, 4, 5] as const;

/**
 * The R × F grid: recency scores as rows (5, the most recent, on top), frequency scores as
 * columns (1 to 5), each cell with its customers and coloured by the named segment it
 * belongs to (docs/value.md, "RFM"). A cell or a legend entry opens its segment's customers.
 */
export function RfmGrid({ cells, onOpen }: { cells: RfmCell[]; onOpen: (segment: RfmSegment) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const total = cells.reduce((s, c) => s + c.customers, 0);
  const count = (r: number, fq: number) => cells.find((c) => c.r === r && c.f === fq)?.customers ?? 0;
  const pct = (n: number) => (total ? formatNumber(n / total, f.locale, { style: "percent", maximumFractionDigits: 1 }) : "—");
  const name = (s: RfmSegment) => t(`value.segments.${s}`);

  return (
    <div data-testid="segments-rfm-grid">
      {/* Axis names stay horizontal: vertical text turns Chinese and English differently. */}
      <Typography.Text type="secondary">↑ {t("segments.recency")}</Typography.Text>
      <Flex gap={8} align="stretch" style={{ marginTop: 4 }}>
        <div style={{ flex: 1, display: "grid", gridTemplateColumns: "24px repeat(5, 1fr)", gap: 3 }}>
          {[...SCORES].reverse().map((r) => [
            <Typography.Text key={`r${r}`} strong style={{ alignSelf: "center", textAlign: "center" }}>{r}</Typography.Text>,
            ...SCORES.map((fq) => {
              const s = rfmSegment(r, fq);
              const n = count(r, fq);
              const c = RFM_COLORS[s];
              const title = t("segments.cellTitle", { r, f: fq, segment: name(s), customers: f.number(n) });
              return (
                <button
                  key={`${r}-${fq}`}
                  type="button"
                  title={title}
                  aria-label={title}
                  onClick={() => onOpen(s)}
                  data-testid="rfm-cell"
                  data-r={r}
                  data-f={fq}
                  data-segment={s}
                  style={{ background: c.fill, color: c.text, border: "none", borderRadius: 4, padding: "10px 4px", minHeight: 56, cursor: "pointer", font: "inherit", lineHeight: 1.3 }}
                >
                  <div style={{ fontSize: 18, fontWeight: 600 }}>{f.number(n)}</div>
                  <div style={{ fontSize: 12, opacity: 0.85 }}>{pct(n)}</div>
                </button>
              );
            }),
          ])}
          <span />
          {SCORES.map((fq) => (
            <Typography.Text key={`f${fq}`} strong style={{ textAlign: "center" }}>{fq}</Typography.Text>
          ))}
        </div>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ textAlign: "center", margin: "4px 0 12px 24px" }}>{t("segments.frequency")} →</Typography.Paragraph>
      <Flex wrap gap="4px 12px" data-testid="segments-rfm-legend">
        {RFM_SEGMENTS.map(({ segment }) => (
          <Typography.Link key={segment} onClick={() => onOpen(segment)} style={{ color: "inherit" }} data-segment={segment}>
            <span style={{ display: "inline-block", width: 12, height: 12, borderRadius: 2, background: RFM_COLORS[segment].fill, marginInlineEnd: 6, verticalAlign: "-1px" }} />
            {name(segment)}
          </Typography.Link>
        ))}
      </Flex>
    </div>
  );
}
