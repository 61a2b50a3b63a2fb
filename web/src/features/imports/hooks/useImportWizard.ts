import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { previewUpload, removePair, startImport, uploadPair, type ImportKind, type UploadPreview } from "../api/imports.api";
import { changedMapping } from "./changedMapping";

export type WizardStep = 0 | 1 | 2 | 3;

/**
 * The import wizard's state: choose and upload (0), check the mapping (1), validate with a
 * dry run (2), run for real (3). The mapping is the user's, starting from the server's guess.
 */
export function useImportWizard() {
  const qc = useQueryClient();
  const [step, setStep] = useState<WizardStep>(0);
  const [kind, setKind] = useState<ImportKind>("orders");
  const [preview, setPreviewState] = useState<UploadPreview | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [validateJob, setValidateJob] = useState<string | null>(null);
  const [runJob, setRunJob] = useState<string | null>(null);

  const setPreview = (p: UploadPreview) => {
    setPreviewState(p);
    setMapping(p.mapping);
  };

  const repreview = useMutation({
    mutationFn: (change: { encoding?: string; preset?: string }) =>
      previewUpload(preview!.uploadId, { kind: preview!.kind, encoding: change.encoding ?? preview!.encoding, preset: change.preset ?? preview!.preset }),
    onSuccess: setPreview,
  });

  /** The other file of a Taobao/Tmall pair, added to the upload or taken away again. */
  const pair = useMutation({
    mutationFn: (file: File | null) => (file ? uploadPair(preview!.uploadId, file) : removePair(preview!.uploadId)),
    onSuccess: setPreview,
  });

  const start = useMutation({
    mutationFn: (dryRun: boolean) =>
      startImport({ uploadId: preview!.uploadId, kind: preview!.kind, preset: preview!.preset, encoding: preview!.encoding, map: changedMapping(preview!.mapping, mapping), dryRun }),
    onSuccess: ({ jobId }, dryRun) => {
      if (dryRun) {
        setValidateJob(jobId);
        setStep(2);
      } else {
        setRunJob(jobId);
        setStep(3);
        void qc.invalidateQueries({ queryKey: ["imports", "runs"] });
      }
    },
  });

  const missing = (preview?.fields ?? []).filter((f) => f.required && !mapping[f.name]).map((f) => f.name);

  const restart = () => {
    setStep(0);
    setPreviewState(null);
    setMapping({});
    setValidateJob(null);
    setRunJob(null);
    start.reset();
    repreview.reset();
    pair.reset();
    void qc.invalidateQueries({ queryKey: ["imports", "runs"] });
  };

  return {
    step, setStep, kind, setKind, preview, setPreview, mapping, setMapping, missing,
    repreview, pair, start, validateJob, runJob, restart,
  };
}

export type ImportWizard = ReturnType<typeof useImportWizard>;

