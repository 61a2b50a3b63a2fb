/** A data-testid for props objects (okButtonProps, onRow…), where JSX's hyphen exemption does not apply. */
export const testId = (id: string): Record<string, string> => ({ "data-testid": id });
