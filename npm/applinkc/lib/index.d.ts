export interface Options {
  clientName?: string;
  authorizationConnectedAppName?: string;
  authorizationExternalClientAppName?: string;
  authorizationPermissionSetName?: string;
  metadataDir?: string;
  failSeverity?: 'error' | 'warning' | 'info' | 'never';
  config?: string;
  baseline?: string;
  [flag: string]: string | number | boolean | string[] | undefined;
}
/** The JSON report (docs/report.schema.json of the applinkc repository), plus the exit code. */
export interface Report {
  exitCode: 0 | 1;
  [key: string]: unknown;
}
export function check(paths: string | string[], options?: Options): Promise<Report>;
export function build(spec: string, options?: Options & { output?: string; appUrl?: string; layout?: 'zip' | 'dir' | 'source' }): Promise<Report>;
export function bundle(spec: string, options?: Options & { output: string }): Promise<{ code: number; stdout: string; stderr: string }>;
export function diff(oldSpec: string, newSpec: string, options?: Options): Promise<Report>;
export function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
export function toArgs(options: Options): string[];
export function binaryPath(): string;
