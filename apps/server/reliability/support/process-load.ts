import { randomUUID } from 'node:crypto';
import type { AcknowledgedSubmission } from './invariants';
import { submitOverHttp, uploadCertificate, type HttpAnswer, type SubmissionReceipt } from './process-http';
import { applicationWithFile, distinctApplication } from './process-workload';

/** Submission load kept up until stopped; what the server acknowledged is recorded as it comes. */
export interface SubmissionLoad {
  /** Every 201, in the order the answers arrived. */
  readonly acknowledged: AcknowledgedSubmission[];
  /** Answers that were neither 201 nor a broken connection (after a kill, a broken connection is expected). */
  readonly unexpected: string[];
  /** Requests that failed without an answer (connection refused or reset). */
  readonly broken: () => number;
  /** Stops sending and resolves once every request under way has settled. */
  stop(): Promise<void>;
}

export interface SubmissionLoadOptions {
  /** One origin, or several (requests go round-robin). */
  origins: readonly string[];
  serviceId: string;
  /** Submissions under way at once. */
  inFlight: number;
  /** Makes each application distinct from those of other loads. */
  tag: string;
  /** Every n-th submission first uploads a certificate and references it (0: none). */
  fileEvery?: number;
}

/**
 * Keeps `inFlight` submissions under way (each with its own Idempotency-Key) until stopped. A connection the
 * server breaks (it was killed) ends that lane's request without an answer; the lane goes on until stopped, so
 * the load outlives one process and meets the next.
 */
export function startSubmissionLoad(options: SubmissionLoadOptions): SubmissionLoad {
  const acknowledged: AcknowledgedSubmission[] = [];
  const unexpected: string[] = [];
  let broken = 0;
  let stopped = false;
  let sequence = 0;

  const submitOne = async (): Promise<void> => {
    const index = sequence++;
    const origin = options.origins[index % options.origins.length]!;
    const tag = `${options.tag}-${index}`;
    const withFile = options.fileEvery !== undefined && options.fileEvery > 0 && index % options.fileEvery === 0;
    let answer: HttpAnswer<SubmissionReceipt & { code?: string }>;
    let application: { data: Record<string, unknown>; expectedData: Record<string, unknown> };
    let fileIds: string[] = [];
    try {
      if (withFile) {
        const certificate = await uploadCertificate(origin, options.serviceId);
        application = applicationWithFile(tag, certificate);
        fileIds = [certificate.id];
      } else {
        application = distinctApplication(tag);
      }
      answer = await submitOverHttp(origin, options.serviceId, application.data, `load-${randomUUID()}`);
    } catch (error) {
      // An answer that is not the expected one is a finding; a connection without an answer is the kill.
      if (error instanceof Error && error.message.startsWith('upload failed')) unexpected.push(error.message);
      else broken++;
      return;
    }
    if (answer.status === 201) {
      acknowledged.push({ caseId: answer.body.caseId, reference: answer.body.reference, expectedData: application.expectedData, fileIds });
    } else {
      unexpected.push(`${answer.status} ${JSON.stringify(answer.body)}`);
    }
  };

  const lane = async (): Promise<void> => {
    while (!stopped) {
      await submitOne();
      // A lane whose server is gone should not spin on refused connections.
      if (!stopped && broken > 0) await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const lanes = Promise.all(Array.from({ length: options.inFlight }, lane));
  return {
    acknowledged,
    unexpected,
    broken: () => broken,
    stop: async () => {
      stopped = true;
      await lanes;
    },
  };
}
