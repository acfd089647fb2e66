// The slice of @lhncbc/ucum-lhc (NLM's UCUM validator, no bundled types) the FHIR export tests use.
declare module '@lhncbc/ucum-lhc' {
  export const UcumLhcUtils: {
    getInstance(): { validateUnitString(unit: string, suggest?: boolean): { status: 'valid' | 'invalid' | 'error'; msg?: string[] } };
  };
}
