import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { fetchSensitivity, runSensitivity, type Inputs, type Programme, type SensitivityQuery } from "../api/complaint-sensitivity.api";

/** The inputs measured from the data for the chosen date, window and complaint share; the last ones stay on screen while the next load. */
export const useSensitivityDefaults = (q: SensitivityQuery) =>
  useQuery({ queryKey: ["complaint-sensitivity", q], queryFn: () => fetchSensitivity(q), placeholderData: keepPreviousData });

/** The model over the inputs and programmes on screen; none while an input is missing. */
export const useSensitivityResult = (body: { inputs: Inputs; programmes: Programme[] } | null) =>
  useQuery({
    queryKey: ["complaint-sensitivity-run", body],
    queryFn: () => runSensitivity(body!),
    enabled: body !== null,
    placeholderData: keepPreviousData,
    retry: false,
  });
